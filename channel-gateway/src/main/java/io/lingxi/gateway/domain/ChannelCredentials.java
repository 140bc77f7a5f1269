package io.lingxi.gateway.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A channel's own credentials, stored as JSON with the channel. Today only WeChat channels have any.
 *
 * @param appId          the official account's or mini-program's AppID
 * @param appSecret      its AppSecret, for access tokens
 * @param token          the callback Token, for signatures
 * @param encodingAesKey the 43-character EncodingAESKey of safe mode; null for plaintext mode
 * @param apiBaseUrl     WeChat's API base URL; null for the gateway's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelCredentials(String appId, String appSecret, String token, String encodingAesKey,
        String apiBaseUrl) {

    public static final ChannelCredentials NONE = new ChannelCredentials(null, null, null, null, null);

    /** These credentials with every non-null field of {@code change} taken over. */
    public ChannelCredentials merge(ChannelCredentials change) {
        if (change == null) {
            return this;
        }
        return new ChannelCredentials(
                change.appId != null ? change.appId : appId,
                change.appSecret != null ? change.appSecret : appSecret,
                change.token != null ? change.token : token,
                change.encodingAesKey != null ? change.encodingAesKey : encodingAesKey,
                change.apiBaseUrl != null ? change.apiBaseUrl : apiBaseUrl);
    }
}
