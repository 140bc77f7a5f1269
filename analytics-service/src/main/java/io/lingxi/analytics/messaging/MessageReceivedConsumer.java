package io.lingxi.analytics.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.domain.Metric;
import io.lingxi.analytics.service.CounterService;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Counts customer messages from {@code cs.message.received.v1}; the text and customer id are not kept. */
@ApplicationScoped
public class MessageReceivedConsumer {

    private final CounterService counters;
    private final ObjectMapper mapper;

    public MessageReceivedConsumer(CounterService counters, ObjectMapper mapper) {
        this.counters = counters;
        this.mapper = mapper;
    }

    @Incoming("messages-received")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = IncomingEvents.context(message);
            MessageReceived received = EventJson.read(mapper, message.getPayload(), MessageReceived.class);
            IncomingEvents.requireTenantAndChannel(context, received.tenantId(), received.channelId());
            return counters.count(context.id(), received.tenantId(), received.channelId(), List.of(Metric.MESSAGES))
                    .replaceWithVoid();
        });
    }
}
