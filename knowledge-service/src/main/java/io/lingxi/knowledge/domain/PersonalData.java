package io.lingxi.knowledge.domain;

import java.util.regex.Pattern;

/** Masks personal data in questions before they are stored: e-mail addresses and phone numbers. */
public final class PersonalData {

    static final String EMAIL_MASK = "<email>";
    static final String PHONE_MASK = "<phone>";

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    /** Mainland mobiles (+86 optional), landlines with area codes, and any run of 7+ digits with separators. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{N}])(\\+?\\d{1,3}[ -]?)?(\\(?\\d{2,4}\\)?[ -]?)?\\d{3,4}[ -]?\\d{4}(?![\\p{N}])");

    private PersonalData() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
        return PHONE.matcher(masked).replaceAll(PHONE_MASK);
    }
}
