package io.lingxi.analytics.masking;

/** A piece of personal data found in a text: its kind and character offsets {@code [start, end)}. */
public record Finding(PersonalDataKind kind, int start, int end) {
}
