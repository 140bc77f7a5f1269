package io.lingxi.nlu.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ModelPublished;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.nlu.service.ModelLifecycle;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica reads {@code cs.nlu.model.v1} in a consumer group of its own (so each sees every activation) from
 * the start of the compacted topic, and swaps the tenant's model in: loaded from PostgreSQL, checked against the
 * event's checksum, then put in place atomically while classification goes on with the old one.
 */
@ApplicationScoped
public class ModelPublishedConsumer {

    private final ModelLifecycle lifecycle;
    private final ObjectMapper mapper;

    public ModelPublishedConsumer(ModelLifecycle lifecycle, ObjectMapper mapper) {
        this.lifecycle = lifecycle;
        this.mapper = mapper;
    }

    @Incoming("nlu-model-in")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking // reading and decompressing a model is not event-loop work
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            ModelPublished event = EventJson.read(mapper, message.getPayload(), ModelPublished.class);
            EventJson.require(event.tenantId(), "tenantId");
            EventJson.require(event.modelVersion(), "modelVersion");
            lifecycle.load(event);
            return Uni.createFrom().voidItem();
        });
    }
}
