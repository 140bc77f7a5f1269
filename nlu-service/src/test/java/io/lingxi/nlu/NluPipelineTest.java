package io.lingxi.nlu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "nlu_test"))
class NluPipelineTest {

    @Test
    void understandsEachReceivedMessageOnceUnderAStableId() {
        String eventId = UUID.randomUUID().toString();
        String conversationId = "conv-" + UUID.randomUUID();
        String received = """
                {"messageId":"m-%s","tenantId":"demo","channelId":"web","channelType":"web","conversationId":"%s",
                 "customerId":"c1","text":"我的快递怎么还没到","receivedAt":"2026-11-24T10:00:00Z","kind":"location",
                 "payload":{"label":"上海","latitude":31.2},"customer":{"name":"王女士","vipLevel":"gold","externalId":"x9"},
                 "callId":"call-7"}
                """.formatted(eventId, conversationId);
        for (int i = 0; i < 2; i++) { // a redelivery
            KafkaTopics.send(Topics.MESSAGE_RECEIVED, conversationId, received,
                    KafkaTopics.cloudEventHeaders(eventId, EventTypes.MESSAGE_RECEIVED, conversationId, "demo"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> understoodOf(conversationId).size() == 2);
        List<ConsumerRecord<String, String>> events = understoodOf(conversationId);
        assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_id")).doesNotContainNull().hasSize(2)
                .containsOnly(KafkaTopics.header(events.get(0), "ce_id"));
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(event.key()).isEqualTo(conversationId);
        assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo(EventTypes.MESSAGE_UNDERSTOOD);
        assertThat(KafkaTopics.header(event, "ce_correlationid")).isEqualTo(eventId);
        assertThat(KafkaTopics.header(event, "ce_tenantid")).isEqualTo("demo");
        assertThat(event.value()).contains("\"language\":\"zh\"", "\"intent\":{\"name\":\"logistics\"");
        MessageUnderstood understood = EventJson.read(new ObjectMapper().findAndRegisterModules(), event.value(),
                MessageUnderstood.class);
        assertThat(understood.channelType()).isEqualTo("web");
        assertThat(understood.kind()).isEqualTo("location");
        assertThat(understood.payload()).containsEntry("label", "上海").containsEntry("latitude", 31.2);
        assertThat(understood.customer().name()).isEqualTo("王女士");
        assertThat(understood.customer().externalId()).isEqualTo("x9");
        assertThat(understood.callId()).isEqualTo("call-7");
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.MESSAGE_RECEIVED, "k", "{\"broken\": " + id,
                KafkaTopics.cloudEventHeaders(id, EventTypes.MESSAGE_RECEIVED, "k", "demo"));
        String noText = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.MESSAGE_RECEIVED, "k", "{\"messageId\":\"" + noText + "\",\"conversationId\":\"k\"}",
                KafkaTopics.cloudEventHeaders(noText, EventTypes.MESSAGE_RECEIVED, "k", "demo"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = KafkaTopics.readAll(Topics.dlq(Topics.MESSAGE_RECEIVED));
            assertThat(dead).anySatisfy(r -> assertThat(r.value()).contains(id));
            assertThat(dead).anySatisfy(r -> {
                assertThat(r.value()).contains(noText);
                assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("missing field text");
            });
        });
    }

    @Test
    void parseApiNeedsAValidTokenAndExplainsBadInput() {
        given().contentType(ContentType.JSON).body("{\"text\":\"where is my parcel\"}")
                .post("/api/v1/nlu/parse").then().statusCode(401);
        given().auth().oauth2(TestJwt.token("demo", "analyst")).contentType(ContentType.JSON)
                .body("{\"text\":\"where is my parcel\"}").post("/api/v1/nlu/parse").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON)
                .body("{\"text\":\"where is my parcel\"}").post("/api/v1/nlu/parse").then().statusCode(200)
                .body("language", equalTo("en")).body("intent.name", equalTo("logistics"));
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON)
                .body("{\"text\":\"\"}").post("/api/v1/nlu/parse").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("text"));
    }

    private static List<ConsumerRecord<String, String>> understoodOf(String conversationId) {
        return KafkaTopics.readAll(Topics.MESSAGE_UNDERSTOOD).stream()
                .filter(r -> conversationId.equals(r.key())).toList();
    }
}
