package io.lingxi.gateway.api;

import io.lingxi.gateway.domain.ChannelCredentials;

/**
 * Creates a channel ({@code POST}) or changes it ({@code PATCH}: absent fields stay as they are).
 *
 * @param id             the channel id, unique across tenants: 2–64 of a-z, 0-9, '-', '_'; only on create
 * @param type           web, app, wechat-oa, wechat-mp, webhook or phone; only on create
 * @param replyWebhookUrl where replies are pushed, http(s); empty string removes it (replies are then pulled)
 * @param credentials    WeChat channels: appId, appSecret, token, encodingAesKey (safe mode), apiBaseUrl
 * @param rateLimits     per-minute limits; absent fields use the gateway's defaults
 * @param allowedOrigins web channels: origins (https://shop.example.com) whose pages may embed the widget
 */
public record ChannelRequest(String id, String name, String type, String replyWebhookUrl,
        ChannelCredentials credentials, RateLimits rateLimits, java.util.List<String> allowedOrigins) {

    /** Messages per minute, for the whole channel and for one of its customers. */
    public record RateLimits(Integer perChannelPerMinute, Integer perCustomerPerMinute) {
    }
}
