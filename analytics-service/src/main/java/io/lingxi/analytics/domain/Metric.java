package io.lingxi.analytics.domain;

/** What is counted, per tenant and channel; {@link #column} is the value stored in {@code counter.metric}. */
public enum Metric {

    /** Customer messages received ({@code cs.message.received.v1}). */
    MESSAGES("messages"),
    /** Replies sent to customers by the bot, agents or the system ({@code cs.reply.v1}). */
    REPLIES("replies"),
    /** The replies written by human agents. */
    AGENT_REPLIES("agent_replies"),
    /** Conversations queued for a human agent ({@code cs.handoff.event.v1}, type QUEUED). */
    HANDOFFS("handoffs");

    public final String column;

    Metric(String column) {
        this.column = column;
    }

    public static Metric ofColumn(String column) {
        for (Metric metric : values()) {
            if (metric.column.equals(column)) {
                return metric;
            }
        }
        return null;
    }
}
