package io.lingxi.analytics.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.domain.Analysis;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.AnalyticsExported;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the anonymised copy of a consumed event on {@code cs.analytics.export.v1}, keyed by the conversation
 * hash. Its id is derived from the source event's id, so a redelivered source re-emits the same export id and
 * analysts' consumers drop the repeat.
 */
@ApplicationScoped
public class ExportPublisher {

    /** The step name the export id is derived with. */
    public static final String STEP = "analytics-export";

    private final MutinyEmitter<String> exports;
    private final ObjectMapper mapper;

    public ExportPublisher(@Channel("analytics-export") MutinyEmitter<String> exports, ObjectMapper mapper) {
        this.exports = exports;
        this.mapper = mapper;
    }

    public Uni<Void> publish(String topic, EventContext source, Analysis analysis) {
        AnalyticsExported exported = new AnalyticsExported(source.type(), topic, source.id(), analysis.tenantId(),
                analysis.channelId(), analysis.conversationHash(), analysis.customerHash(), analysis.occurredAt(),
                analysis.exportData());
        return exports.sendMessage(CloudEvents.event(EventJson.write(mapper, exported),
                EventIds.derive(source.id(), STEP), EventTypes.ANALYTICS_EXPORTED, "analytics-service",
                analysis.conversationHash(), analysis.conversationHash(), analysis.tenantId(), source.correlationId(),
                analysis.occurredAt()));
    }
}
