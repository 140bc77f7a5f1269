package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An entity found in a customer's text.
 *
 * @param type  entity type, e.g. {@code order_number}, {@code phone}, {@code email}, {@code money}
 * @param value normalised value, e.g. an ISO date or a digits-only phone number
 * @param text  the text as the customer wrote it
 * @param start offset of the first character in the original text
 * @param end   offset after the last character in the original text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Entity(String type, String value, String text, int start, int end) {
}
