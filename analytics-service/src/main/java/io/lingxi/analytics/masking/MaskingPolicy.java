package io.lingxi.analytics.masking;

import java.util.EnumSet;
import java.util.Set;

/** What one tenant masks and how. */
public record MaskingPolicy(Set<PersonalDataKind> kinds, MaskStyle style) {

    public static final MaskingPolicy ALL_TAGGED = new MaskingPolicy(EnumSet.allOf(PersonalDataKind.class), MaskStyle.TAG);

    public MaskingPolicy {
        kinds = kinds.isEmpty() ? EnumSet.noneOf(PersonalDataKind.class) : EnumSet.copyOf(kinds);
    }
}
