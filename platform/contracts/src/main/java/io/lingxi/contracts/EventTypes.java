package io.lingxi.contracts;

/** CloudEvents {@code ce_type} values, one per business event. */
public final class EventTypes {

    public static final String MESSAGE_RECEIVED = "cs.message.received";
    public static final String MESSAGE_UNDERSTOOD = "cs.message.understood";
    public static final String KNOWLEDGE_QUERIED = "cs.knowledge.queried";
    public static final String KNOWLEDGE_ANSWERED = "cs.knowledge.answered";
    public static final String REPLY_CREATED = "cs.reply.created";
    public static final String REPLY_DELIVERED = "cs.reply.delivered";
    public static final String REPLY_FAILED = "cs.reply.failed";
    public static final String HANDOFF_REQUESTED = "cs.handoff.requested";
    /** Prefix of handoff state changes: {@code cs.handoff.queued}, {@code cs.handoff.agent_assigned}, … */
    public static final String HANDOFF_PREFIX = "cs.handoff.";
    /** Prefix of conversation lifecycle events: {@code cs.conversation.started}, … */
    public static final String CONVERSATION_PREFIX = "cs.conversation.";
    public static final String MODEL_PUBLISHED = "cs.nlu.model_published";
    public static final String ANALYTICS_EXPORTED = "cs.analytics.exported";

    private EventTypes() {
    }
}
