package io.lingxi.knowledge.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.KnowledgeAnswered;
import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import io.lingxi.contracts.events.KnowledgeHit;
import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(IndexDirectoryTestResource.class)
class KnowledgeQueryConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void answersAChineseQuestionWithTheReturnsEntryOnTheConversationsKey() throws Exception {
        String queryId = "q-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String correlationId = "corr-" + UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(
                KafkaTopics.cloudEventHeaders(eventId, EventTypes.KNOWLEDGE_QUERIED, "conv-zh", "demo"));
        headers.put("ce_correlationid", correlationId);
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-zh", query(queryId, "demo", "conv-zh", "怎么退货呀", "zh", 3),
                headers);

        ConsumerRecord<String, String> record = awaitAnswers(queryId, 1).get(0);
        assertThat(record.key()).isEqualTo("conv-zh");
        assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(EventIds.derive(eventId, "knowledge-answer"));
        assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.KNOWLEDGE_ANSWERED);
        assertThat(KafkaTopics.header(record, "ce_subject")).isEqualTo("conv-zh");
        assertThat(KafkaTopics.header(record, "ce_tenantid")).isEqualTo("demo");
        assertThat(KafkaTopics.header(record, "ce_correlationid")).isEqualTo(correlationId);

        KnowledgeAnswered answer = MAPPER.readValue(record.value(), KnowledgeAnswered.class);
        assertThat(answer.queryId()).isEqualTo(queryId);
        assertThat(answer.tenantId()).isEqualTo("demo");
        assertThat(answer.channelId()).isEqualTo("web");
        assertThat(answer.conversationId()).isEqualTo("conv-zh");
        assertThat(answer.messageId()).isEqualTo("m-" + queryId);
        assertThat(answer.language()).isEqualTo("zh");
        assertThat(answer.query()).isEqualTo("怎么退货呀");
        assertThat(answer.decision()).isEqualTo(Decision.ANSWERED);
        KnowledgeHit first = answer.hits().get(0);
        assertThat(first.entryId()).isEqualTo("demo-zh-returns");
        assertThat(first.question()).isEqualTo("怎么退货？");
        assertThat(first.answer()).contains("申请售后", "七天无理由退货");
        assertThat(first.score()).isEqualTo(1.0);
        assertThat(answer.hits()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void answersAnEnglishParaphraseInEnglish() throws Exception {
        String queryId = "q-" + UUID.randomUUID();
        send(queryId, "demo", "conv-en", "how can I return something I bought", "en");

        KnowledgeAnswered answer = answerOf(awaitAnswers(queryId, 1).get(0));
        assertThat(answer.decision()).isEqualTo(Decision.ANSWERED);
        assertThat(answer.language()).isEqualTo("en");
        assertThat(answer.hits().get(0).entryId()).isEqualTo("demo-en-returns");
        assertThat(answer.hits().get(0).answer()).contains("Return & Refund");
    }

    @Test
    void leavesAnUnrelatedQuestionUnanswered() throws Exception {
        String queryId = "q-" + UUID.randomUUID();
        send(queryId, "demo", "conv-physics", "量子力学是什么", "zh");

        KnowledgeAnswered answer = answerOf(awaitAnswers(queryId, 1).get(0));
        assertThat(answer.decision()).isEqualTo(Decision.UNANSWERED);
        assertThat(answer.hits()).isEmpty();
    }

    @Test
    void aRedeliveredQueryIsAnsweredUnderTheSameEventId() throws Exception {
        String queryId = "q-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-dup", query(queryId, "demo", "conv-dup", "退款多久到账", "zh", 3),
                    KafkaTopics.cloudEventHeaders(eventId, EventTypes.KNOWLEDGE_QUERIED, "conv-dup", "demo"));
        }

        List<ConsumerRecord<String, String>> answers = awaitAnswers(queryId, 2);
        assertThat(answers).hasSize(2);
        assertThat(answers.stream().map(r -> KafkaTopics.header(r, "ce_id")).distinct().toList())
                .containsExactly(EventIds.derive(eventId, "knowledge-answer"));
        assertThat(answerOf(answers.get(0)).hits().get(0).entryId()).isEqualTo("demo-zh-refund-time");
    }

    @Test
    void aRedeliveredUnansweredQueryCountsOnceInHotTopics() {
        String tenant = "hot-redelivery-" + UUID.randomUUID().toString().substring(0, 8);
        String conversation = "conv-" + tenant;
        String first = UUID.randomUUID().toString();
        // the same event twice (a redelivery), then the same question asked again as a new event
        for (String eventId : List.of(first, first, UUID.randomUUID().toString())) {
            KafkaTopics.send(Topics.KNOWLEDGE_QUERY, conversation,
                    query("q-" + eventId, tenant, conversation, "可以用数字人民币付款吗", "zh", 3),
                    KafkaTopics.cloudEventHeaders(eventId, EventTypes.KNOWLEDGE_QUERIED, conversation, tenant));
        }
        // a last, different question on the same partition: once it is logged, everything before it is
        String marker = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, conversation,
                query("q-" + marker, tenant, conversation, "门店可以寄存行李吗", "zh", 3),
                KafkaTopics.cloudEventHeaders(marker, EventTypes.KNOWLEDGE_QUERIED, conversation, tenant));

        String editor = TestJwt.token(tenant, "editor");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(editor).get("/api/v1/knowledge/hot-topics")
                .then().statusCode(200).body("topics.question", hasItem("门店可以寄存行李吗")));
        given().auth().oauth2(editor).get("/api/v1/knowledge/hot-topics").then().statusCode(200)
                .body("questions", equalTo(3))
                .body("topics.find { it.question == '可以用数字人民币付款吗' }.count", equalTo(2));
    }

    @Test
    void poisonQueriesGoToTheDeadLetterTopicAndTheNextQueryIsStillAnswered() throws Exception {
        String malformed = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-poison", "{not json " + malformed,
                KafkaTopics.cloudEventHeaders(malformed, EventTypes.KNOWLEDGE_QUERIED, "conv-poison", "demo"));

        String noText = "q-" + UUID.randomUUID();
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-poison", """
                {"queryId":"%s","tenantId":"demo","conversationId":"conv-poison","messageId":"m1","language":"zh"}
                """.formatted(noText),
                KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.KNOWLEDGE_QUERIED, "conv-poison",
                        "demo"));

        String otherTenant = "q-" + UUID.randomUUID();
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-poison", query(otherTenant, "demo", "conv-poison", "怎么退货", "zh", 3),
                KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.KNOWLEDGE_QUERIED, "conv-poison",
                        "acme"));

        String noTenant = "q-" + UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(),
                EventTypes.KNOWLEDGE_QUERIED, "conv-poison", "demo"));
        headers.remove("ce_tenantid");
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, "conv-poison",
                query(noTenant, null, "conv-poison", "怎么退货", "zh", 3), headers);

        String healthy = "q-" + UUID.randomUUID();
        send(healthy, "demo", "conv-poison", "怎么开发票", "zh");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(eventsOf(Topics.dlq(Topics.KNOWLEDGE_QUERY), malformed)).hasSize(1);
            assertThat(eventsOf(Topics.dlq(Topics.KNOWLEDGE_QUERY), noText)).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("missing field query"));
            assertThat(eventsOf(Topics.dlq(Topics.KNOWLEDGE_QUERY), otherTenant)).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("tenant"));
            assertThat(eventsOf(Topics.dlq(Topics.KNOWLEDGE_QUERY), noTenant)).hasSize(1);
        });
        assertThat(answerOf(awaitAnswers(healthy, 1).get(0)).hits().get(0).entryId()).isEqualTo("demo-zh-invoice");
        for (String poison : List.of(malformed, noText, otherTenant, noTenant)) {
            assertThat(eventsOf(Topics.KNOWLEDGE_ANSWER, poison)).isEmpty();
        }
    }

    @Test
    void draftAndExpiredEntriesAreNeverServed() throws Exception {
        String draft = "q-" + UUID.randomUUID();
        send(draft, "demo", "conv-hidden", "双十一活动什么时候开始？", "zh");
        String expired = "q-" + UUID.randomUUID();
        send(expired, "demo", "conv-hidden", "Do you ship during the Spring Festival holiday?", "en");

        for (String queryId : List.of(draft, expired)) {
            KnowledgeAnswered answer = answerOf(awaitAnswers(queryId, 1).get(0));
            assertThat(answer.decision()).isNotEqualTo(Decision.ANSWERED);
            assertThat(answer.hits()).extracting(KnowledgeHit::entryId)
                    .doesNotContain("demo-zh-double11-draft", "demo-en-spring-festival-expired");
        }
    }

    @Test
    void anotherTenantIsNeverAnsweredFromDemosEntries() throws Exception {
        String queryId = "q-" + UUID.randomUUID();
        send(queryId, "acme", "conv-acme", "怎么退货呀", "zh");

        ConsumerRecord<String, String> record = awaitAnswers(queryId, 1).get(0);
        assertThat(KafkaTopics.header(record, "ce_tenantid")).isEqualTo("acme");
        KnowledgeAnswered answer = answerOf(record);
        assertThat(answer.tenantId()).isEqualTo("acme");
        assertThat(answer.decision()).isEqualTo(Decision.UNANSWERED);
        assertThat(answer.hits()).isEmpty();
    }

    private static void send(String queryId, String tenant, String conversationId, String text, String language) {
        KafkaTopics.send(Topics.KNOWLEDGE_QUERY, conversationId, query(queryId, tenant, conversationId, text, language, 3),
                KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.KNOWLEDGE_QUERIED,
                        conversationId, tenant));
    }

    private static String query(String queryId, String tenant, String conversationId, String text, String language,
            int maxHits) {
        Map<String, Object> query = new HashMap<>();
        query.put("queryId", queryId);
        query.put("tenantId", tenant);
        query.put("channelId", "web");
        query.put("conversationId", conversationId);
        query.put("messageId", "m-" + queryId);
        query.put("query", text);
        query.put("language", language);
        query.put("maxHits", maxHits);
        try {
            return MAPPER.writeValueAsString(query);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> awaitAnswers(String queryId, int count) {
        await().atMost(WAIT).until(() -> eventsOf(Topics.KNOWLEDGE_ANSWER, queryId).size() >= count);
        return eventsOf(Topics.KNOWLEDGE_ANSWER, queryId);
    }

    private static KnowledgeAnswered answerOf(ConsumerRecord<String, String> record) throws Exception {
        return MAPPER.readValue(record.value(), KnowledgeAnswered.class);
    }

    private static List<ConsumerRecord<String, String>> eventsOf(String topic, String marker) {
        return KafkaTopics.readAll(topic).stream().filter(r -> r.value().contains(marker)).toList();
    }
}
