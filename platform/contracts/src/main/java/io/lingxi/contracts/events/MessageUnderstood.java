package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The NLU's reading of a customer's message. Topic {@code cs.message.understood.v1}, key conversationId.
 *
 * @param language     {@code zh}, {@code en} or {@code other}
 * @param intent       the winning intent, {@code nlu_fallback} when nothing is confident enough
 * @param ranking      the top intents, best first
 * @param modelVersion the model that classified it
 * @param channelType  copied from the received message, like the fields after it
 * @param kind         {@code text}, {@code image}, {@code file}, {@code location} or {@code event}; null means text
 * @param payload      the structured part of a non-text message, or null
 * @param customer     profile hints, or null
 * @param callId       the phone call, on a phone channel
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
        Instant receivedAt,
        String channelType,
        String kind,
        Map<String, Object> payload,
        CustomerProfile customer,
        String callId) {

    /** The intent NLU reports when it does not understand the message. */
    public static final String FALLBACK_INTENT = "nlu_fallback";

    /** A reading without the received message's channel details. */
    public MessageUnderstood(String messageId, String tenantId, String channelId, String conversationId,
            String customerId, String text, String language, IntentScore intent, List<IntentScore> ranking,
            List<Entity> entities, Sentiment sentiment, String modelVersion, Instant receivedAt) {
        this(messageId, tenantId, channelId, conversationId, customerId, text, language, intent, ranking, entities,
                sentiment, modelVersion, receivedAt, null, null, null, null, null);
    }
}
