package io.lingxi.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.messaging.ExportPublisher;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A small set of conversations through the real broker and database: KPIs, masked transcripts, CSV, export. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics_test"))
@WithTestResource(JwtTestResource.class)
class AnalyticsKpiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAY = "2026-11-24";
    private static final String PHONE = "13912345678";
    private static final String ID_CARD = "440306199003071232";
    private static final String EMAIL = "zs@example.com";
    private static final String CUSTOMER = "13800001111";
    private static final String SECRET_TEXT = "我叫张三，手机" + PHONE + "，身份证" + ID_CARD + "，邮箱" + EMAIL;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** One event to send. */
    record Event(String topic, String id, String type, String json) {
    }

    @Test
    void conversationsYieldKpisOnceEachAndPersonalDataIsMaskedEverywhere() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "conv-" + UUID.randomUUID();
        String convA = "conv-a-" + UUID.randomUUID();
        String convB = "conv-b-" + UUID.randomUUID();
        List<Event> events = new ArrayList<>();
        // A, on the web: understood, answered by the bot, delivered, satisfied
        events.add(received(tenant, "web", convA, "m-a1", SECRET_TEXT, "10:00:00"));
        events.add(understood(tenant, "web", convA, "m-a1", SECRET_TEXT, "order_status", "negative", "10:00:00"));
        events.add(reply(tenant, "web", convA, "BOT", "您的订单已发货", "10:00:01"));
        events.add(delivery(tenant, "web", convA, "DELIVERED", "10:00:02"));
        events.add(conversation(tenant, "web", convA, "TURN_COMPLETED", "order_status", true, null, "10:00:02"));
        events.add(conversation(tenant, "web", convA, "SURVEY_ANSWERED", null, null, 4, "10:05:00"));
        // B, in the app: not understood, handed to an agent after 30 s, a failed delivery, an unanswered question
        events.add(received(tenant, "app", convB, "m-b1", "转人工", "11:00:00"));
        events.add(understood(tenant, "app", convB, "m-b1", "转人工", "nlu_fallback", "neutral", "11:00:00"));
        events.add(conversation(tenant, "app", convB, "TURN_COMPLETED", "nlu_fallback", false, null, "11:00:01"));
        events.add(handoff(tenant, "app", convB, "QUEUED", null, "11:00:01"));
        events.add(handoff(tenant, "app", convB, "AGENT_ASSIGNED", 30000L, "11:00:31"));
        events.add(reply(tenant, "app", convB, "AGENT", "您好，我是客服小王", "11:00:40"));
        events.add(delivery(tenant, "app", convB, "FAILED", "11:00:41"));
        events.add(knowledge(tenant, "app", convB, "怎么开发票？发到 " + EMAIL));
        events.add(conversation(tenant, "app", convB, "SURVEY_ANSWERED", null, null, 2, "11:10:00"));
        events.forEach(e -> send(e, tenant, key));
        // every event delivered a second time
        events.forEach(e -> send(e, tenant, key));
        // then one event per topic on another day: once those are counted, the repeats before them were consumed
        List<Event> markers = List.of(
                new Event(Topics.MESSAGE_RECEIVED, uuid(), EventTypes.MESSAGE_RECEIVED,
                        received(tenant, "web", "conv-m", "m-m", "hi", "00:00:00").json().replace(DAY, "2026-01-01")),
                new Event(Topics.MESSAGE_UNDERSTOOD, uuid(), EventTypes.MESSAGE_UNDERSTOOD,
                        understood(tenant, "web", "conv-m", "m-m", "hi", "greet", "positive", "00:00:00").json()
                                .replace(DAY, "2026-01-01")),
                new Event(Topics.REPLY, uuid(), EventTypes.REPLY_CREATED,
                        reply(tenant, "web", "conv-m", "BOT", "hi", "00:00:00").json().replace(DAY, "2026-01-01")),
                new Event(Topics.DELIVERY, uuid(), EventTypes.REPLY_DELIVERED,
                        delivery(tenant, "web", "conv-m", "DELIVERED", "00:00:00").json().replace(DAY, "2026-01-01")),
                new Event(Topics.HANDOFF_EVENT, uuid(), "cs.handoff.queued",
                        handoff(tenant, "web", "conv-m", "QUEUED", null, "00:00:00").json().replace(DAY, "2026-01-01")),
                new Event(Topics.CONVERSATION_EVENT, uuid(), "cs.conversation.turn_completed",
                        conversation(tenant, "web", "conv-m", "TURN_COMPLETED", "greet", true, null, "00:00:00").json()
                                .replace(DAY, "2026-01-01")));
        markers.forEach(e -> send(e, tenant, key));
        Event knowledgeMarker = knowledge(tenant, "web", "conv-m", "marker");
        send(knowledgeMarker, tenant, key, "2026-01-01T00:00:00Z");
        String analyst = TestJwt.token(tenant, "analyst");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(analyst)
                .get("/api/v1/analytics/kpis?from=2026-01-01&to=2026-01-01").then().statusCode(200)
                .body("totals.messages", is(1)).body("totals.understood", is(1)).body("totals.replies", is(1))
                .body("totals.deliveries", is(1)).body("totals.handoffs", is(1)).body("totals.turns", is(1))
                .body("totals.unanswered", is(1)));

        JsonPath kpis = given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).extract().jsonPath();
        assertThat(kpis.getString("tenantId")).isEqualTo(tenant);
        assertThat(kpis.getLong("totals.conversations")).isEqualTo(2);
        assertThat(kpis.getLong("totals.messages")).isEqualTo(2);
        assertThat(kpis.getLong("totals.replies")).isEqualTo(2);
        assertThat(kpis.getLong("totals.agentReplies")).isEqualTo(1);
        assertThat(kpis.getLong("totals.handoffs")).isEqualTo(1);
        assertThat(kpis.getLong("totals.fallbacks")).isEqualTo(1);
        assertThat(kpis.getLong("totals.deliveryFailures")).isEqualTo(1);
        assertThat(kpis.getDouble("totals.containmentRate")).isEqualTo(0.5);
        assertThat(kpis.getDouble("totals.handoffRate")).isEqualTo(0.5);
        assertThat(kpis.getDouble("totals.fallbackRate")).isEqualTo(0.5);
        assertThat(kpis.getDouble("totals.averageWaitMillis")).isEqualTo(30000.0);
        assertThat(kpis.getLong("satisfaction.responses")).isEqualTo(2);
        assertThat(kpis.getDouble("satisfaction.average")).isEqualTo(3.0);
        assertThat(kpis.getDouble("satisfaction.responseRate")).isEqualTo(1.0);
        assertThat(kpis.getMap("satisfaction.distribution")).containsEntry("2", 1).containsEntry("4", 1)
                .containsEntry("5", 0);
        assertThat(kpis.getMap("sentiment")).containsEntry("negative", 1).containsEntry("neutral", 1);
        assertThat(kpis.getList("topIntents.name")).containsExactly("nlu_fallback", "order_status");
        assertThat(kpis.getList("handoffReasons.name")).containsExactly("customer_request");
        assertThat(kpis.getList("channels.channelId")).containsExactly("app", "web");
        assertThat(kpis.getList("series.bucket")).containsExactly("2026-11-24T00:00:00Z");
        assertThat(kpis.getList("unansweredQuestions.question")).containsExactly("怎么开发票？发到 [EMAIL]");
        // hourly buckets and filters
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY + "&granularity=hour")
                .then().statusCode(200)
                .body("series.bucket", contains("2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z"))
                .body("series.messages", contains(1, 1));
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY + "&channel=web")
                .then().statusCode(200).body("totals.conversations", is(1)).body("totals.handoffs", is(0));
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY + "&intent=order_status")
                .then().statusCode(200).body("totals.understood", is(1)).body("totals.turns", is(1))
                .body("totals.botResolvedTurns", is(1));

        // masked transcripts, filtered; one customer, two conversations, one customer hash
        JsonPath transcripts = given().auth().oauth2(analyst)
                .get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .body("$", hasSize(2)).extract().jsonPath();
        assertThat(transcripts.getList("channelId")).containsExactly("app", "web");
        assertThat(Set.copyOf(transcripts.getList("customerHash"))).hasSize(1);
        assertThat(transcripts.getString("[0].customerHash")).hasSize(32).isNotEqualTo(CUSTOMER);
        assertThat(transcripts.getList("[1].lines.text")).containsExactly(
                "我叫[NAME]，手机[PHONE]，身份证[IDCARD]，邮箱[EMAIL]", "您的订单已发货");
        assertThat(transcripts.getList("[1].lines.intent")).containsExactly("order_status", "");
        assertThat(transcripts.getInt("[1].csat")).isEqualTo(4);
        given().auth().oauth2(analyst).get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY + "&handedOff=true")
                .then().statusCode(200).body("channelId", contains("app")).body("[0].lines.sender", contains("CUSTOMER", "AGENT"));
        given().auth().oauth2(analyst).get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY
                + "&intent=order_status").then().statusCode(200).body("channelId", contains("web"));
        given().auth().oauth2(analyst).get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY + "&csat=2")
                .then().statusCode(200).body("channelId", contains("app"));

        // CSV of transcripts and KPIs
        String transcriptCsv = given().auth().oauth2(analyst)
                .get("/api/v1/analytics/export/transcripts.csv?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(transcriptCsv).startsWith("conversation,channel,customer,started_at")
                .contains("我叫[NAME]，手机[PHONE]，身份证[IDCARD]，邮箱[EMAIL]").doesNotContain(PHONE, ID_CARD, EMAIL);
        assertThat(transcriptCsv.lines()).hasSize(5);
        given().auth().oauth2(analyst).get("/api/v1/analytics/export/kpis.csv?from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).body(containsString("2026-11-24T00:00:00Z,web,,conversations,,1,0.0"));

        // the export stream: every source event once by id (repeats re-emit the same id), masked, keyed by hash
        Map<String, Event> bySourceId = events.stream().collect(Collectors.toMap(Event::id, e -> e));
        List<ConsumerRecord<String, String>> exported = KafkaTopics.readAll(Topics.ANALYTICS_EXPORT).stream()
                .filter(r -> tenant.equals(KafkaTopics.header(r, "ce_tenantid"))).toList();
        Map<String, JsonNode> exportsBySource = new HashMap<>();
        for (ConsumerRecord<String, String> record : exported) {
            JsonNode export = mapper.readTree(record.value());
            String sourceId = export.get("sourceId").asText();
            assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(EventIds.derive(sourceId, ExportPublisher.STEP));
            assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.ANALYTICS_EXPORTED);
            assertThat(record.key()).isEqualTo(export.get("conversationHash").asText());
            assertThat(record.value()).doesNotContain(PHONE, ID_CARD, EMAIL, CUSTOMER, convA, convB);
            exportsBySource.put(sourceId, export);
        }
        assertThat(exportsBySource.keySet()).containsAll(bySourceId.keySet());
        JsonNode first = exportsBySource.get(events.get(0).id());
        assertThat(first.get("sourceTopic").asText()).isEqualTo(Topics.MESSAGE_RECEIVED);
        assertThat(first.get("data").get("text").asText()).isEqualTo("我叫[NAME]，手机[PHONE]，身份证[IDCARD]，邮箱[EMAIL]");
        assertThat(first.get("data").get("customerId").asText()).isEqualTo(first.get("customerHash").asText());
        assertThat(first.get("data").get("channelId").asText()).isEqualTo("web");

        // and never raw in any analytics table: every row of every table, as text
        List<String> rows = allRowsAsText();
        assertThat(rows).isNotEmpty().anyMatch(r -> r.contains("[PHONE]"))
                .noneMatch(r -> r.contains(PHONE) || r.contains(ID_CARD) || r.contains(EMAIL) || r.contains(CUSTOMER)
                        || r.contains(convA) || r.contains(convB) || r.contains("张三"));

        // the business KPIs as Prometheus gauges
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lingxi_analytics_kpi_count{channel=\"app\",metric=\"handoffs\",tenant=\"" + tenant
                        + "\"} 1.0")));

        // another tenant sees none of it
        given().auth().oauth2(TestJwt.token("t-other", "analyst")).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).body("totals.messages", is(0)).body("totals.handoffRate", equalTo(null));
        given().auth().oauth2(TestJwt.token("t-other", "analyst"))
                .get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void responseTimesAndHotTopicsCountOnceAndStayMasked() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "conv-" + UUID.randomUUID();
        String conv = "conv-h-" + UUID.randomUUID();
        List<Event> events = List.of(
                // the bot answers m-1 after 2 s (a second reply to it does not count) and m-2 after 1 s, its reply
                // sent before the message itself; an agent's reply is no bot response time
                received(tenant, "web", conv, "m-1", "你好", "10:00:00"),
                replyTo(tenant, "web", conv, "BOT", "m-1", "您好", "10:00:02"),
                replyTo(tenant, "web", conv, "BOT", "m-1", "还有什么可以帮您", "10:00:05"),
                replyTo(tenant, "web", conv, "BOT", "m-2", "请提供订单号", "10:01:01"),
                received(tenant, "web", conv, "m-2", "查订单", "10:01:00"),
                received(tenant, "web", conv, "m-3", "转人工", "10:02:00"),
                replyTo(tenant, "web", conv, "AGENT", "m-3", "您好，我是小王", "10:02:30"),
                // agents: waited 20 s, first answered after 8 s and 4 s, handled 60 s and 30 s
                handoff(tenant, "web", conv, "AGENT_ASSIGNED", 20000L, "10:02:20"),
                handoffTimes(tenant, "web", conv, "TRANSFERRED", 4000L, 30000L, "10:02:50"),
                handoffTimes(tenant, "web", conv, "CLOSED", 8000L, 60000L, "10:04:00"),
                handoffTimes(tenant, "web", conv, "RETURNED_TO_BOT", null, null, "10:05:00"),
                // knowledge: entry faq-1 is the top hit three times, faq-2 once (suggested), faq-3 once
                knowledgeHit(tenant, "web", conv, "ANSWERED", "faq-1", "怎么退货"),
                knowledgeHit(tenant, "web", conv, "ANSWERED", "faq-1", "怎么退货"),
                knowledgeHit(tenant, "web", conv, "SUGGESTED", "faq-1", "怎么退货"),
                knowledgeHit(tenant, "web", conv, "SUGGESTED", "faq-2", "发票怎么开"),
                knowledgeHit(tenant, "web", conv, "ANSWERED", "faq-3", "联系邮箱" + EMAIL),
                // unanswered: one question in three wordings (four times) and one with a phone number
                knowledge(tenant, "web", conv, "积分怎么兑换"),
                knowledge(tenant, "web", conv, "积分怎么兑换"),
                knowledge(tenant, "web", conv, "请问 积分怎么兑换？"),
                knowledge(tenant, "web", conv, "积分怎么兑换呢"),
                knowledge(tenant, "web", conv, "我的手机" + PHONE + "收不到验证码"));
        events.forEach(e -> send(e, tenant, key));
        events.forEach(e -> send(e, tenant, key));
        // markers on another day, after the repeats on every topic used here
        send(new Event(Topics.MESSAGE_RECEIVED, uuid(), EventTypes.MESSAGE_RECEIVED,
                received(tenant, "web", "conv-m", "m-m", "hi", "00:00:00").json().replace(DAY, "2026-01-01")), tenant, key);
        send(new Event(Topics.REPLY, uuid(), EventTypes.REPLY_CREATED,
                reply(tenant, "web", "conv-m", "BOT", "hi", "00:00:00").json().replace(DAY, "2026-01-01")), tenant, key);
        send(new Event(Topics.HANDOFF_EVENT, uuid(), "cs.handoff.queued",
                handoff(tenant, "web", "conv-m", "QUEUED", null, "00:00:00").json().replace(DAY, "2026-01-01")), tenant, key);
        send(knowledge(tenant, "web", "conv-m", "marker"), tenant, key, "2026-01-01T00:00:00Z");
        String analyst = TestJwt.token(tenant, "analyst");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(analyst)
                .get("/api/v1/analytics/kpis?from=2026-01-01&to=2026-01-01").then().statusCode(200)
                .body("totals.messages", is(1)).body("totals.replies", is(1)).body("totals.handoffs", is(1))
                .body("totals.unanswered", is(1)));

        JsonPath kpis = given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).extract().jsonPath();
        assertThat(kpis.getDouble("totals.averageBotFirstReplyMillis")).isEqualTo(1500.0);
        assertThat(kpis.getDouble("totals.averageWaitMillis")).isEqualTo(20000.0);
        assertThat(kpis.getDouble("totals.averageFirstResponseMillis")).isEqualTo(6000.0);
        assertThat(kpis.getDouble("totals.averageHandleMillis")).isEqualTo(45000.0);
        assertThat(kpis.getList("hotTopics.entryId")).containsExactly("faq-1", "faq-2", "faq-3");
        assertThat(kpis.getList("hotTopics.hits", Integer.class)).containsExactly(3, 1, 1);
        assertThat(kpis.getString("hotTopics[2].question")).isEqualTo("联系邮箱[EMAIL]");
        assertThat(kpis.getString("unansweredQuestions[0].question")).isEqualTo("积分怎么兑换");
        assertThat(kpis.getInt("unansweredQuestions[0].count")).isEqualTo(4);
        assertThat(kpis.getInt("unansweredQuestions[0].variants")).isEqualTo(3);
        // the bot's response time lands in the hour the message arrived
        given().auth().oauth2(analyst).get("/api/v1/analytics/export/kpis.csv?from=" + DAY + "&to=" + DAY
                + "&granularity=hour").then().statusCode(200)
                .body(containsString("2026-11-24T10:00:00Z,web,,bot_first_reply_ms,,2,3000.0"));

        given().auth().oauth2(analyst).get("/api/v1/analytics/hot-topics?from=" + DAY + "&to=" + DAY + "&limit=5")
                .then().statusCode(200)
                .body("knowledge[0].question", equalTo("怎么退货")).body("knowledge[0].hits", is(3))
                .body("unanswered.question", contains("积分怎么兑换", "我的手机[PHONE]收不到验证码"))
                .body("unanswered.count", contains(4, 1));
        given().auth().oauth2(analyst).get("/api/v1/analytics/hot-topics?limit=500").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("t-other", "analyst"))
                .get("/api/v1/analytics/hot-topics?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .body("knowledge", hasSize(0)).body("unanswered", hasSize(0));

        // the timings as Prometheus gauges (count and total per metric)
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lingxi_analytics_kpi_total{channel=\"web\",metric=\"first_response_ms\",tenant=\""
                        + tenant + "\"} 12000.0"))
                .body(containsString("lingxi_analytics_kpi_count{channel=\"web\",metric=\"handle_ms\",tenant=\""
                        + tenant + "\"} 2.0")));

        // nothing raw in any table, the new ones included
        List<String> rows = allRowsAsText();
        assertThat(rows).anyMatch(r -> r.contains("我的手机[PHONE]收不到验证码")).anyMatch(r -> r.contains("联系邮箱[EMAIL]"))
                .noneMatch(r -> r.contains(PHONE) || r.contains(EMAIL) || r.contains(conv) || r.contains(CUSTOMER));
    }

    @Test
    void theChannelsCustomerProfileCallAndLocationAreAnonymisedInTheExport() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String conversation = "conv-l-" + UUID.randomUUID();
        Event location = new Event(Topics.MESSAGE_RECEIVED, uuid(), EventTypes.MESSAGE_RECEIVED, """
                {"messageId":"m-loc","tenantId":"%s","channelId":"app","channelType":"app","conversationId":"%s",
                 "customerId":"%s","text":"","kind":"location","receivedAt":"%s","callId":"call-98765",
                 "payload":{"latitude":22.5431,"longitude":114.0579,"label":"广东省深圳市南山区科技园路1号"},
                 "customer":{"name":"王小明","vipLevel":"gold","externalId":"crm-777"}}"""
                .formatted(tenant, conversation, CUSTOMER, at("12:00:00")));
        send(location, tenant, conversation);

        await().atMost(WAIT).until(() -> KafkaTopics.readAll(Topics.ANALYTICS_EXPORT).stream()
                .anyMatch(r -> r.value().contains(location.id())));
        ConsumerRecord<String, String> exported = KafkaTopics.readAll(Topics.ANALYTICS_EXPORT).stream()
                .filter(r -> r.value().contains(location.id())).findFirst().orElseThrow();
        assertThat(exported.value()).doesNotContain("王小明", "crm-777", "call-98765", "22.5431", "114.0579", "科技园路1号",
                CUSTOMER, conversation);
        JsonNode data = mapper.readTree(exported.value()).get("data");
        assertThat(data.at("/customer/name").asText()).isEqualTo("[NAME]");
        assertThat(data.at("/customer/vipLevel").asText()).isEqualTo("gold");
        assertThat(data.at("/customer/externalId").asText()).hasSize(32);
        assertThat(data.get("callId").asText()).hasSize(32);
        assertThat(data.at("/payload/latitude").isNull()).isTrue();
        assertThat(data.at("/payload/label").asText()).contains("[ADDRESS]");
        assertThat(data.get("kind").asText()).isEqualTo("location");
    }

    @Test
    void aTenantCanMaskInThePartialStyleAndKeepNames() {
        String tenant = "partial-tenant";
        String key = "conv-" + UUID.randomUUID();
        String conversation = "conv-p-" + UUID.randomUUID();
        send(received(tenant, "web", conversation, "m-p-" + UUID.randomUUID(), "我叫李娜，手机" + PHONE, "12:00:00"),
                tenant, key);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestJwt.token(tenant, "analyst"))
                .get("/api/v1/analytics/conversations?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .body("lines.flatten().text", contains("我叫李娜，手机139****5678")));
    }

    @Test
    void badQueriesAndWrongRolesAreRefusedAsProblems() {
        String analyst = TestJwt.token("demo", "analyst");
        given().get("/api/v1/analytics/kpis").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("demo", "agent")).get("/api/v1/analytics/conversations").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?granularity=week").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("hour or day"));
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=yesterday").then().statusCode(400)
                .body("detail", containsString("2026-11-24"));
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=2026-11-25&to=2026-11-24").then().statusCode(400);
        given().auth().oauth2(analyst).get("/api/v1/analytics/kpis?from=2020-01-01&to=2026-01-01").then().statusCode(400)
                .body("detail", containsString("366"));
        given().auth().oauth2(analyst).get("/api/v1/analytics/conversations?csat=9").then().statusCode(400);
        given().auth().oauth2(analyst).get("/api/v1/analytics/conversations?limit=0").then().statusCode(400)
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aRebuildFromTheTopicsReproducesTheLiveAggregatesAndLiveCountingGoesOn() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "conv-" + UUID.randomUUID();
        String conv = "conv-r-" + UUID.randomUUID();
        List<Event> events = List.of(
                received(tenant, "web", conv, "m-r1", "我的邮箱是" + EMAIL, "09:00:00"),
                understood(tenant, "web", conv, "m-r1", "我的邮箱是" + EMAIL, "change_email", "neutral", "09:00:00"),
                replyTo(tenant, "web", conv, "BOT", "m-r1", "好的", "09:00:01"),
                handoff(tenant, "web", conv, "QUEUED", null, "09:00:02"),
                handoff(tenant, "web", conv, "AGENT_ASSIGNED", 12000L, "09:00:14"),
                handoffTimes(tenant, "web", conv, "CLOSED", 3000L, 50000L, "09:01:04"),
                conversation(tenant, "web", conv, "SURVEY_ANSWERED", null, null, 5, "09:30:00"),
                knowledgeHit(tenant, "web", conv, "ANSWERED", "faq-9", "邮箱怎么改"),
                knowledge(tenant, "web", conv, "请问邮箱怎么改？"),
                knowledge(tenant, "web", conv, "邮箱怎么改"));
        events.forEach(e -> send(e, tenant, key));
        events.forEach(e -> send(e, tenant, key));
        String analyst = TestJwt.token(tenant, "analyst");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(analyst)
                .get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .body("totals.messages", is(1)).body("totals.understood", is(1)).body("totals.replies", is(1))
                .body("totals.handoffs", is(1)).body("totals.averageWaitMillis", is(12000.0F))
                .body("satisfaction.responses", is(1)).body("totals.unanswered", is(2))
                .body("totals.averageBotFirstReplyMillis", is(1000.0F)).body("totals.averageHandleMillis", is(50000.0F))
                .body("hotTopics[0].hits", is(1)).body("unansweredQuestions[0].count", is(2)));
        Map<String, List<String>> live = tablesOf(tenant);
        assertThat(live.get("bot_response")).hasSize(1);
        assertThat(live.get("knowledge_entry")).hasSize(1);
        assertThat(live.get("kpi")).isNotEmpty();

        String admin = TestJwt.token(tenant, "admin");
        given().auth().oauth2(analyst).post("/api/v1/analytics/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(admin).post("/api/v1/analytics/admin/rebuild").then().statusCode(202)
                .body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/analytics/admin/rebuild").then().statusCode(200).body("state", equalTo("DONE")));
        JsonPath status = given().auth().oauth2(admin).get("/api/v1/analytics/admin/rebuild").then().extract().jsonPath();
        assertThat(status.getLong("applied")).isGreaterThanOrEqualTo(events.size() * 2L);

        assertThat(tablesOf(tenant)).isEqualTo(live);

        // the live consumer writes to the swapped-in tables: an old event again changes nothing, a new one counts
        send(events.get(0), tenant, key);
        send(received(tenant, "web", conv, "m-r2", "谢谢", "09:01:00"), tenant, key);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(analyst)
                .get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY).then().statusCode(200)
                .body("totals.messages", is(2)).body("totals.conversations", is(1)));
        given().auth().oauth2(analyst).get("/api/v1/analytics/summary").then().statusCode(200)
                .body("totals.messages", is(2)).body("totals.handoffs", is(1));
    }

    @Test
    void poisonOnTheNewTopicsGoesToTheirDeadLetterTopicsAndCountsNothing() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "conv-" + UUID.randomUUID();
        Event badScore = conversation(tenant, "web", "conv-x", "SURVEY_ANSWERED", null, null, 9, "08:00:00");
        Event noStatus = new Event(Topics.DELIVERY, uuid(), EventTypes.REPLY_DELIVERED, """
                {"replyId":"r","tenantId":"%s","channelId":"web","conversationId":"conv-x","attempts":1}"""
                .formatted(tenant));
        Event noDecision = new Event(Topics.KNOWLEDGE_ANSWER, uuid(), EventTypes.KNOWLEDGE_ANSWERED, """
                {"queryId":"q","tenantId":"%s","channelId":"web","conversationId":"conv-x","query":"13912345678"}"""
                .formatted(tenant));
        Event malformed = new Event(Topics.MESSAGE_UNDERSTOOD, uuid(), EventTypes.MESSAGE_UNDERSTOOD, "{\"intent\":");
        List.of(badScore, noStatus, noDecision, malformed).forEach(e -> send(e, tenant, key));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(deadLetter(badScore)).isNotNull().contains("surveyScore");
            assertThat(deadLetter(noStatus)).isNotNull().contains("status");
            assertThat(deadLetter(noDecision)).isNotNull().contains("decision");
            assertThat(deadLetter(malformed)).isNotNull();
        });
        given().auth().oauth2(TestJwt.token(tenant, "analyst")).get("/api/v1/analytics/kpis?from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).body("satisfaction.responses", is(0)).body("totals.deliveries", is(0))
                .body("unansweredQuestions", hasSize(0));
    }

    /** The dead-letter reason of {@code event}, or null while it has not arrived. */
    private static String deadLetter(Event event) {
        return KafkaTopics.readAll(Topics.dlq(event.topic())).stream()
                .filter(r -> event.id().equals(KafkaTopics.header(r, "ce_id")))
                .map(r -> String.valueOf(KafkaTopics.header(r, "dead-letter-reason"))).findFirst().orElse(null);
    }

    @Test
    void theDashboardPageAndItsChartLibraryAreServed() {
        given().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("灵犀 · 数据看板")).body(containsString("chart-volume"))
                .body(containsString("vendor/chart.umd.min.js"));
        given().get("/dashboard/vendor/chart.umd.min.js").then().statusCode(200)
                .body(containsString("Chart.js v4.6.1"));
        given().get("/dashboard/dashboard.js").then().statusCode(200)
                .body(containsString("/api/v1/analytics/kpis")).body(containsString("Top intents"));
    }

    /** The rows of one tenant in every rebuilt table, as text, sorted. */
    private Map<String, List<String>> tablesOf(String tenant) {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        for (String table : List.of("counter", "kpi", "conversation", "transcript_line", "unanswered_question",
                "bot_response", "knowledge_entry")) {
            List<String> rows = new ArrayList<>();
            String sql = "SELECT CAST(t AS text) FROM " + table + " t WHERE tenant_id = $1 ORDER BY 1";
            for (Row row : pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant)).await()
                    .atMost(WAIT)) {
                rows.add(row.getString(0));
            }
            tables.put(table, rows);
        }
        return tables;
    }

    private List<String> allRowsAsText() {
        List<String> tables = pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE'").execute().await().atMost(WAIT)
                .stream().map(r -> r.getString(0)).toList();
        assertThat(tables).contains("kpi", "conversation", "transcript_line", "unanswered_question", "counter",
                "processed_event", "bot_response", "knowledge_entry");
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            for (Row row : pool.query("SELECT CAST(t AS text) FROM " + table + " t").execute().await().atMost(WAIT)) {
                rows.add(row.getString(0));
            }
        }
        return rows;
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static String at(String time) {
        return DAY + "T" + time + "Z";
    }

    static Event received(String tenant, String channel, String conversation, String messageId, String text, String time) {
        return new Event(Topics.MESSAGE_RECEIVED, uuid(), EventTypes.MESSAGE_RECEIVED, """
                {"messageId":"%s","tenantId":"%s","channelId":"%s","channelType":"web","conversationId":"%s",
                 "customerId":"%s","text":"%s","receivedAt":"%s"}"""
                .formatted(messageId, tenant, channel, conversation, CUSTOMER, text, at(time)));
    }

    static Event understood(String tenant, String channel, String conversation, String messageId, String text,
            String intent, String sentiment, String time) {
        return new Event(Topics.MESSAGE_UNDERSTOOD, uuid(), EventTypes.MESSAGE_UNDERSTOOD, """
                {"messageId":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","customerId":"%s","text":"%s",
                 "language":"zh","intent":{"name":"%s","confidence":0.9},"ranking":[],
                 "entities":[{"type":"phone","value":"%s","text":"%s","start":0,"end":11}],
                 "sentiment":{"label":"%s","score":0.0},"modelVersion":"v1","receivedAt":"%s"}"""
                .formatted(messageId, tenant, channel, conversation, CUSTOMER, text, intent, PHONE, PHONE, sentiment,
                        at(time)));
    }

    static Event reply(String tenant, String channel, String conversation, String sender, String text, String time) {
        String id = uuid();
        return new Event(Topics.REPLY, id, EventTypes.REPLY_CREATED, """
                {"replyId":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","customerId":"%s","sender":"%s",
                 "language":"zh","text":"%s","createdAt":"%s"}"""
                .formatted(id, tenant, channel, conversation, CUSTOMER, sender, text, at(time)));
    }

    static Event delivery(String tenant, String channel, String conversation, String status, String time) {
        return new Event(Topics.DELIVERY, uuid(), status.equals("FAILED") ? EventTypes.REPLY_FAILED
                : EventTypes.REPLY_DELIVERED, """
                {"replyId":"r-%s","tenantId":"%s","channelId":"%s","conversationId":"%s","status":"%s","attempts":1,
                 "error":%s,"at":"%s"}"""
                .formatted(uuid(), tenant, channel, conversation, status,
                        status.equals("FAILED") ? "\"customer " + PHONE + " unreachable\"" : "null", at(time)));
    }

    static Event handoff(String tenant, String channel, String conversation, String type, Long waitMillis, String time) {
        return new Event(Topics.HANDOFF_EVENT, uuid(), "cs.handoff." + type.toLowerCase(), """
                {"type":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","queueEntryId":"q-1",
                 "reason":"customer_request","skillGroup":"general","waitMillis":%s,"occurredAt":"%s"}"""
                .formatted(type, tenant, channel, conversation, waitMillis, at(time)));
    }

    static Event conversation(String tenant, String channel, String conversation, String type, String intent,
            Boolean resolvedByBot, Integer score, String time) {
        return new Event(Topics.CONVERSATION_EVENT, uuid(), "cs.conversation." + type.toLowerCase(), """
                {"type":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","customerId":"%s",
                 "intent":%s,"resolvedByBot":%s,"surveyScore":%s,"occurredAt":"%s"}"""
                .formatted(type, tenant, channel, conversation, CUSTOMER, intent == null ? "null" : "\"" + intent + "\"",
                        resolvedByBot, score, at(time)));
    }

    static Event replyTo(String tenant, String channel, String conversation, String sender, String inReplyTo,
            String text, String time) {
        String id = uuid();
        return new Event(Topics.REPLY, id, EventTypes.REPLY_CREATED, """
                {"replyId":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","customerId":"%s","sender":"%s",
                 "inReplyTo":"%s","language":"zh","text":"%s","createdAt":"%s"}"""
                .formatted(id, tenant, channel, conversation, CUSTOMER, sender, inReplyTo, text, at(time)));
    }

    static Event handoffTimes(String tenant, String channel, String conversation, String type, Long firstResponseMillis,
            Long handleMillis, String time) {
        return new Event(Topics.HANDOFF_EVENT, uuid(), "cs.handoff." + type.toLowerCase(), """
                {"type":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","queueEntryId":"q-1",
                 "reason":"customer_request","skillGroup":"general","agentId":"agent-1","firstResponseMillis":%s,
                 "handleMillis":%s,"occurredAt":"%s"}"""
                .formatted(type, tenant, channel, conversation, firstResponseMillis, handleMillis, at(time)));
    }

    static Event knowledgeHit(String tenant, String channel, String conversation, String decision, String entryId,
            String question) {
        return new Event(Topics.KNOWLEDGE_ANSWER, uuid(), EventTypes.KNOWLEDGE_ANSWERED, """
                {"queryId":"q-%s","tenantId":"%s","channelId":"%s","conversationId":"%s","messageId":"m",
                 "query":"%s","language":"zh","decision":"%s",
                 "hits":[{"entryId":"%s","question":"%s","answer":"a","score":0.8},
                         {"entryId":"other","question":"other","answer":"b","score":0.4}]}"""
                .formatted(uuid(), tenant, channel, conversation, question, decision, entryId, question));
    }

    static Event knowledge(String tenant, String channel, String conversation, String query) {
        return new Event(Topics.KNOWLEDGE_ANSWER, uuid(), EventTypes.KNOWLEDGE_ANSWERED, """
                {"queryId":"q-%s","tenantId":"%s","channelId":"%s","conversationId":"%s","messageId":"m",
                 "query":"%s","language":"zh","decision":"UNANSWERED","hits":[]}"""
                .formatted(uuid(), tenant, channel, conversation, query));
    }

    static void send(Event event, String tenant, String key) {
        send(event, tenant, key, at("11:00:00"));
    }

    static void send(Event event, String tenant, String key, String time) {
        Map<String, String> headers = new HashMap<>(KafkaTopics.cloudEventHeaders(event.id(), event.type(), key, tenant));
        headers.put("ce_time", time);
        KafkaTopics.send(event.topic(), key, event.json(), headers);
    }
}
