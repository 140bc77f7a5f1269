package io.lingxi.analytics.api;

import java.util.List;

/**
 * A tenant's counts: totals and per channel. {@code agentReplies} is the part of {@code replies} that human agents
 * wrote.
 */
public record Summary(String tenantId, Totals totals, List<Channel> channels) {

    public record Totals(long messages, long replies, long agentReplies, long handoffs) {
    }

    public record Channel(String channelId, long messages, long replies, long agentReplies, long handoffs) {
    }
}
