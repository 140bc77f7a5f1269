package io.lingxi.contracts.messaging;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Builds outgoing events: the payload as JSON, the CloudEvents attributes as Kafka headers (binary mode),
 * and the Kafka key.
 */
public final class CloudEvents {

    private CloudEvents() {
    }

    /**
     * An event about a conversation: key and {@code ce_subject} are the conversation id.
     *
     * @param id            the event id; derive it with {@link io.lingxi.contracts.EventIds} when re-processing
     *                      must re-emit the same event
     * @param source        the producing service, e.g. {@code channel-gateway}
     */
    public static <T> Message<T> conversationEvent(T payload, String id, String type, String source,
            String conversationId, String tenantId, String correlationId, Instant time) {
        return event(payload, id, type, source, conversationId, conversationId, tenantId, correlationId, time);
    }

    /** An event with an explicit Kafka key (for topics not keyed by conversation, such as the model topic). */
    public static <T> Message<T> event(T payload, String id, String type, String source, String key, String subject,
            String tenantId, String correlationId, Instant time) {
        var ce = OutgoingCloudEventMetadata.<T>builder()
                .withId(id)
                .withType(type)
                .withSource(URI.create("/lingxi/" + source))
                .withSubject(subject)
                .withDataContentType("application/json")
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .withExtension(EventContext.TENANT_EXTENSION, tenantId);
        if (correlationId != null) {
            ce.withExtension(EventContext.CORRELATION_EXTENSION, correlationId);
        }
        return Message.of(payload)
                .addMetadata(ce.build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
