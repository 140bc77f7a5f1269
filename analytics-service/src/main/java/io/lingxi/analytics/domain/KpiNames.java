package io.lingxi.analytics.domain;

/** The names of the KPIs kept per tenant, channel, intent and hour/day (column {@code kpi.metric}). */
public final class KpiNames {

    public static final String CONVERSATIONS = "conversations";
    public static final String MESSAGES = "messages";
    /** Messages NLU classified; dimension: sentiment label. */
    public static final String UNDERSTOOD = "understood";
    public static final String FALLBACKS = "fallbacks";
    /** Replies; dimension: sender (BOT, AGENT, SYSTEM). */
    public static final String REPLIES = "replies";
    /** Delivery outcomes; dimension: DELIVERED or FAILED. */
    public static final String DELIVERIES = "deliveries";
    /** Conversations queued for an agent; dimension: reason. */
    public static final String HANDOFFS = "handoffs";
    /** Handoff state changes; dimension: type. */
    public static final String HANDOFF_EVENTS = "handoff_events";
    /** Time from handoff request to agent assignment; total in milliseconds. */
    public static final String WAIT_MS = "wait_ms";
    /** Time from handoff request to the handoff's close; total in milliseconds. */
    public static final String HANDOFF_DURATION_MS = "handoff_duration_ms";
    /** Time from an agent's assignment to the agent's first message (on CLOSED/TRANSFERRED/RETURNED_TO_BOT); ms. */
    public static final String FIRST_RESPONSE_MS = "first_response_ms";
    /** Time from an agent's assignment to the end of the agent's part (CLOSED/TRANSFERRED/RETURNED_TO_BOT); ms. */
    public static final String HANDLE_MS = "handle_ms";
    /** Time from a customer message's arrival to the bot's first reply to it; ms, in the message's bucket. */
    public static final String BOT_FIRST_REPLY_MS = "bot_first_reply_ms";
    /** Questions that hit a knowledge entry first (ANSWERED or SUGGESTED); dimension: the entry id. */
    public static final String KNOWLEDGE_HITS = "knowledge_hits";
    public static final String TURNS = "turns";
    public static final String BOT_RESOLVED_TURNS = "bot_resolved_turns";
    public static final String RESOLVED = "resolved";
    public static final String CLOSED = "closed";
    /** Survey answers; dimension: score 1–5, total: sum of scores. */
    public static final String CSAT = "csat";
    /** Knowledge answers; dimension: ANSWERED, SUGGESTED, UNANSWERED. */
    public static final String KNOWLEDGE = "knowledge";

    private KpiNames() {
    }
}
