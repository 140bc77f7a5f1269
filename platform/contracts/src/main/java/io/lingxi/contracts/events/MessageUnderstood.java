package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The NLU's reading of a customer's message. Topic {@code cs.message.understood.v1}, key conversationId.
 *
 * @param language     {@code zh}, {@code en} or {@code other}
 * @param intent       the winning intent, {@code nlu_fallback} when nothing is confident enough
 * @param ranking      the top intents, best first
 * @param modelVersion the model that classified it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageUnderstood(
        String messageId,
        String tenantId,
        String channelId,
        String conversationId,
        String customerId,
        String text,
        String language,
        IntentScore intent,
        List<IntentScore> ranking,
        List<Entity> entities,
        Sentiment sentiment,
        String modelVersion,
        Instant receivedAt) {

    /** The intent NLU reports when it does not understand the message. */
    public static final String FALLBACK_INTENT = "nlu_fallback";
}
