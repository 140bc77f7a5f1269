package io.lingxi.analytics.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.domain.Metric;
import io.lingxi.analytics.service.CounterService;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Counts handoffs from {@code cs.handoff.event.v1}: a conversation queued for an agent is one handoff. */
@ApplicationScoped
public class HandoffEventConsumer {

    private final CounterService counters;
    private final ObjectMapper mapper;

    public HandoffEventConsumer(CounterService counters, ObjectMapper mapper) {
        this.counters = counters;
        this.mapper = mapper;
    }

    @Incoming("handoff-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = IncomingEvents.context(message);
            HandoffEvent event = EventJson.read(mapper, message.getPayload(), HandoffEvent.class);
            EventJson.require(event.type(), "type");
            IncomingEvents.requireTenantAndChannel(context, event.tenantId(), event.channelId());
            if (event.type() != HandoffEvent.Type.QUEUED) {
                // assignments, transfers and closings are not counted yet
                return Uni.createFrom().voidItem();
            }
            return counters.count(context.id(), event.tenantId(), event.channelId(), List.of(Metric.HANDOFFS))
                    .replaceWithVoid();
        });
    }
}
