package io.lingxi.analytics.masking;

import java.util.Locale;

/** The kinds of personal data the masker finds; {@link #tag} is what {@link MaskStyle#TAG} writes instead. */
public enum PersonalDataKind {

    /** Chinese mobile and landline numbers, and international numbers. */
    PHONE,
    /** 18-digit resident identity card numbers with a valid check digit. */
    ID_CARD,
    /** Payment card numbers (16–19 digits) that pass the Luhn check. */
    BANK_CARD,
    EMAIL,
    /** Postal addresses: Chinese province/city/district/street/number, simple English street addresses. */
    ADDRESS,
    /** A person's name after a cue such as 我叫, 我是 or "my name is". */
    NAME;

    public final String tag = "[" + name().replace("_", "") + "]";

    public static PersonalDataKind parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
