package io.lingxi.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.Sentiment;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void payloadsSurviveAJsonRoundTrip() {
        MessageUnderstood event = new MessageUnderstood("m1", "demo", "web", "c1", "cust", "我的订单A2024112401到哪了",
                "zh", new IntentScore("order_status", 0.93), List.of(new IntentScore("order_status", 0.93)),
                List.of(new Entity("order_number", "A2024112401", "A2024112401", 4, 15)), Sentiment.NEUTRAL,
                "v1", Instant.parse("2026-11-24T10:00:00Z"));
        String json = EventJson.write(mapper, event);
        assertThat(json).contains("\"receivedAt\":\"2026-11-24T10:00:00Z\"");
        assertThat(EventJson.read(mapper, json, MessageUnderstood.class)).isEqualTo(event);
    }

    @Test
    void anEntityWithoutConfidenceReadsAsExactAndALearnedOneKeepsIt() {
        Entity old = EventJson.read(mapper,
                "{\"type\":\"phone\",\"value\":\"13800138000\",\"text\":\"13800138000\",\"start\":0,\"end\":11}",
                Entity.class);
        assertThat(old.confidence()).isNull();
        Entity learned = new Entity("product", "小米14", "小米14", 3, 7, 0.87);
        assertThat(EventJson.read(mapper, EventJson.write(mapper, learned), Entity.class)).isEqualTo(learned);
    }

    @Test
    void readersIgnoreFieldsAddedLater() {
        String json = "{\"type\":\"QUEUED\",\"tenantId\":\"demo\",\"conversationId\":\"c1\",\"addedInV1_1\":true}";
        HandoffEvent event = EventJson.read(mapper, json, HandoffEvent.class);
        assertThat(event.type()).isEqualTo(HandoffEvent.Type.QUEUED);
        assertThat(event.ceType()).isEqualTo("cs.handoff.queued");
    }

    @Test
    void badPayloadsAreInvalidEvents() {
        assertThatThrownBy(() -> EventJson.read(mapper, "{oops", HandoffEvent.class))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("not a valid HandoffEvent payload");
        assertThatThrownBy(() -> EventJson.read(mapper, "", HandoffEvent.class)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.require(" ", "text")).hasMessage("missing field text");
    }

    @Test
    void derivedIdsAreStablePerInputAndStep() {
        String input = EventIds.random();
        assertThat(EventIds.derive(input, "reply")).isEqualTo(EventIds.derive(input, "reply"))
                .isNotEqualTo(EventIds.derive(input, "knowledge-query"))
                .isNotEqualTo(EventIds.derive(EventIds.random(), "reply"));
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        assertThat(Topics.ALL).hasSize(11).allSatisfy(topic -> assertThat(topic).startsWith("cs.").endsWith(".v1"));
        assertThat(Topics.dlq(Topics.REPLY)).isEqualTo("cs.reply.v1.dlq");
    }
}
