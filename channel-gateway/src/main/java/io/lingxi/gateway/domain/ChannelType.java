package io.lingxi.gateway.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of channel the gateway speaks to; {@link #code()} is what the API and events carry. */
public enum ChannelType {
    WEB("web"), APP("app"), WECHAT_OA("wechat-oa"), WECHAT_MP("wechat-mp"), WEBHOOK("webhook"), PHONE("phone");

    private final String code;

    ChannelType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isWechat() {
        return this == WECHAT_OA || this == WECHAT_MP;
    }

    /** The type of {@code code}, or null when there is none. */
    public static ChannelType of(String code) {
        if (code == null) {
            return null;
        }
        String wanted = code.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.code.equals(wanted)).findFirst().orElse(null);
    }

    public static String codes() {
        return Arrays.stream(values()).map(ChannelType::code).collect(Collectors.joining(", "));
    }
}
