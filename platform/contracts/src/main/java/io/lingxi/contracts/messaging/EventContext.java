package io.lingxi.contracts.messaging;

import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The CloudEvents attributes of an incoming event, read from its Kafka headers (binary mode).
 *
 * @param id            {@code ce_id}; consumers are idempotent on it
 * @param subject       {@code ce_subject}: the conversation id
 * @param tenantId      extension {@code tenantid}
 * @param correlationId extension {@code correlationid}: the id of the customer message that started the chain
 */
public record EventContext(String id, String type, String source, Instant time, String subject, String tenantId,
        String correlationId) {

    public static final String TENANT_EXTENSION = "tenantid";
    public static final String CORRELATION_EXTENSION = "correlationid";

    /**
     * Reads the CloudEvents metadata of {@code message}.
     *
     * @throws InvalidEventException when the record carries no CloudEvents headers or no tenant
     */
    public static EventContext of(Message<?> message) {
        @SuppressWarnings("unchecked")
        Optional<CloudEventMetadata<?>> metadata = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (CloudEventMetadata<?>) m);
        CloudEventMetadata<?> ce = metadata.orElseThrow(
                () -> new InvalidEventException("the record carries no CloudEvents headers (ce_id, ce_type, ce_source)"));
        EventContext context = new EventContext(
                ce.getId(),
                ce.getType(),
                ce.getSource() == null ? null : ce.getSource().toString(),
                ce.getTimeStamp().map(ZonedDateTime::toInstant).orElse(null),
                ce.getSubject().orElse(null),
                ce.<Object>getExtension(TENANT_EXTENSION).map(Object::toString).orElse(null),
                ce.<Object>getExtension(CORRELATION_EXTENSION).map(Object::toString).orElse(null));
        EventJson.require(context.id(), "ce_id");
        EventJson.require(context.tenantId(), "ce_tenantid");
        return context;
    }
}
