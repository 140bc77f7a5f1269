package io.lingxi.analytics.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.domain.Metric;
import io.lingxi.analytics.service.CounterService;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Counts replies from {@code cs.reply.v1}, and separately those written by agents. */
@ApplicationScoped
public class ReplyConsumer {

    private final CounterService counters;
    private final ObjectMapper mapper;

    public ReplyConsumer(CounterService counters, ObjectMapper mapper) {
        this.counters = counters;
        this.mapper = mapper;
    }

    @Incoming("replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = IncomingEvents.context(message);
            ReplyCreated reply = EventJson.read(mapper, message.getPayload(), ReplyCreated.class);
            IncomingEvents.requireTenantAndChannel(context, reply.tenantId(), reply.channelId());
            List<Metric> metrics = reply.sender() == Sender.AGENT
                    ? List.of(Metric.REPLIES, Metric.AGENT_REPLIES)
                    : List.of(Metric.REPLIES);
            return counters.count(context.id(), reply.tenantId(), reply.channelId(), metrics).replaceWithVoid();
        });
    }
}
