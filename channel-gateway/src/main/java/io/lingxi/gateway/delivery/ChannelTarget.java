package io.lingxi.gateway.delivery;

import io.lingxi.gateway.domain.ChannelCredentials;
import io.lingxi.gateway.domain.ChannelType;

/** Where and how a channel's replies are pushed, as read at delivery time. */
public record ChannelTarget(String channelId, String tenantId, ChannelType type, boolean enabled, String webhookUrl,
        String webhookSecret, ChannelCredentials credentials) {
}
