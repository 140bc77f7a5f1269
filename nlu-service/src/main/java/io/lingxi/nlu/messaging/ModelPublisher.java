package io.lingxi.nlu.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.ModelPublished;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Announces a tenant's newly active model on {@code cs.nlu.model.v1} (compacted, key tenant id). */
@ApplicationScoped
public class ModelPublisher {

    private final MutinyEmitter<String> models;
    private final ObjectMapper mapper;

    public ModelPublisher(@Channel("nlu-model-out") MutinyEmitter<String> models, ObjectMapper mapper) {
        this.models = models;
        this.mapper = mapper;
    }

    /** Sent and awaited: the activation request answers only once the broker has the event. */
    public Uni<Void> publish(String tenant, String version, String checksum) {
        ModelPublished event = new ModelPublished(tenant, version, checksum, Instant.now());
        return models.sendMessage(CloudEvents.event(EventJson.write(mapper, event),
                EventIds.derive(tenant + "/" + version + "/" + event.publishedAt(), "model"),
                EventTypes.MODEL_PUBLISHED, MessageReceivedConsumer.SOURCE, tenant, tenant, tenant, null,
                event.publishedAt()));
    }
}
