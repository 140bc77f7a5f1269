package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An entity found in a customer's text.
 *
 * @param type       entity type, e.g. {@code order_number}, {@code phone}, {@code email}, {@code money}, or a
 *                   tenant's own type ({@code product}, {@code city}, …)
 * @param value      normalised value, e.g. an ISO date or a digits-only phone number
 * @param text       the text as the customer wrote it
 * @param start      offset of the first character in the original text
 * @param end        offset after the last character in the original text
 * @param confidence for a name the tenant's trained name finder found, its probability in (0, 1]; {@code null} for
 *                   exact matches (patterns, dictionaries), which are certain
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Entity(String type, String value, String text, int start, int end, Double confidence) {

    /** An exact match (pattern or dictionary): no confidence. */
    public Entity(String type, String value, String text, int start, int end) {
        this(type, value, text, start, end, null);
    }
}
