package io.lingxi.handoff;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Agents, login, routing and the agent's actions through the REST API, against the real broker and database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "handoff_test"))
@WithTestResource(JwtTestResource.class)
class AgentDeskTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anAgentLogsInGoesOnlineGetsTheConversationSeesItsHistoryRepliesTransfersAndCloses() {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "after_sales", "售后");
        String alice = agent(admin, "Alice", "alice", List.of("after_sales"), List.of("zh"), 2);
        String bob = agent(admin, "Bob", "bob", List.of("after_sales"), List.of("zh", "en"), 2);
        String aliceToken = login(tenant, "alice");
        String bobToken = login(tenant, "bob");
        assertThat(JsonPath.from(new String(java.util.Base64.getUrlDecoder().decode(aliceToken.split("\\.")[1])))
                .getString("sub")).isEqualTo(alice);

        // the customer talked to the bot, then asked for a human: nobody is online yet
        String conversation = "conv-" + UUID.randomUUID();
        understood(tenant, conversation, "m-1", "我的订单怎么还没到", "order_status", -0.7);
        reply(tenant, conversation, "r-1", "BOT", "请提供您的订单号。");
        understood(tenant, conversation, "m-2", "转人工", "human", -0.2);
        String request = requestHandoff(tenant, conversation, "m-2", "zh", "after_sales", null);
        ConsumerRecord<String, String> queued = awaitReplyContaining(conversation, "当前暂无客服在线");
        assertThat(JsonPath.from(queued.value()).getString("sender")).isEqualTo("SYSTEM");
        awaitHandoffEvent(conversation, "QUEUED");

        // a message left while nobody is online becomes a ticket
        understood(tenant, conversation, "m-3", "请尽快联系我 13800000000", "other", -0.1);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(aliceToken).get("/api/v1/handoff/tickets")
                .then().statusCode(200).body("tickets.conversationId", hasItem(conversation))
                .body("tickets[0].text", containsString("13800000000")));

        status(aliceToken, "ONLINE").body("status", equalTo("ONLINE"));
        JsonPath assigned = JsonPath.from(awaitHandoffEvent(conversation, "AGENT_ASSIGNED").value());
        assertThat(assigned.getString("agentId")).isEqualTo(alice);
        assertThat(assigned.getLong("waitMillis")).isGreaterThanOrEqualTo(0);
        awaitReplyContaining(conversation, "客服 Alice 为您服务");

        given().auth().oauth2(aliceToken).get("/api/v1/handoff/conversations").then().statusCode(200)
                .body("conversations.conversationId", hasItem(conversation))
                .body("conversations[0].status", equalTo("ASSIGNED"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(aliceToken)
                .get("/api/v1/handoff/conversations/" + conversation).then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("agentId", equalTo(alice))
                .body("reason", equalTo("customer_request"))
                .body("channelId", equalTo("web"))
                .body("channelType", equalTo("web"))
                .body("customer.name", equalTo("王女士"))
                .body("customer.vip", is(true))
                .body("summary.intents", hasItem("order_status"))
                .body("summary.sentiment.label", equalTo("negative"))
                .body("transcript.text", hasItem("我的订单怎么还没到"))
                .body("transcript.text", hasItem("请提供您的订单号。"))
                .body("transcript.text", hasItem("请尽快联系我 13800000000")));
        // Bob may not read Alice's conversation
        given().auth().oauth2(bobToken).get("/api/v1/handoff/conversations/" + conversation).then().statusCode(403);

        // Alice replies: the customer gets it on cs.reply.v1 as AGENT
        given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("text", "您好，我来帮您查一下。"))
                .post("/api/v1/handoff/conversations/" + conversation + "/messages").then().statusCode(202)
                .body("line.sender", equalTo("AGENT"));
        ConsumerRecord<String, String> agentReply = awaitReplyContaining(conversation, "我来帮您查一下");
        assertThat(JsonPath.from(agentReply.value()).getString("sender")).isEqualTo("AGENT");
        assertThat(JsonPath.from(agentReply.value()).getString("agentId")).isEqualTo(alice);
        assertThat(KafkaTopics.header(agentReply, "ce_type")).isEqualTo(EventTypes.REPLY_CREATED);
        assertThat(KafkaTopics.header(agentReply, "ce_correlationid")).isEqualTo(request);
        // Bob cannot write into it
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of("text", "hi"))
                .post("/api/v1/handoff/conversations/" + conversation + "/messages").then().statusCode(403);

        // the customer answers: Alice sees it (unread count), then suggestions (knowledge is unreachable here)
        understood(tenant, conversation, "m-4", "订单号是 123456", "provide_order", 0.0);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(aliceToken).get("/api/v1/handoff/conversations")
                .then().statusCode(200).body("conversations[0].unread", is(1)));
        given().auth().oauth2(aliceToken).get("/api/v1/handoff/conversations/" + conversation + "/suggestions")
                .then().statusCode(200).body("query", equalTo("订单号是 123456")).body("suggestions", hasSize(0));

        // transfer to Bob, who must be online first
        given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("agentId", bob, "note", "物流问题"))
                .post("/api/v1/handoff/conversations/" + conversation + "/transfer").then().statusCode(409);
        status(bobToken, "ONLINE");
        given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("agentId", bob, "note", "物流问题"))
                .post("/api/v1/handoff/conversations/" + conversation + "/transfer").then().statusCode(200)
                .body("agentId", equalTo(bob)).body("status", equalTo("ASSIGNED"));
        JsonPath transferred = JsonPath.from(awaitHandoffEvent(conversation, "TRANSFERRED").value());
        assertThat(transferred.getString("agentId")).isEqualTo(bob);
        assertThat(transferred.getString("note")).isEqualTo("物流问题");
        assertThat(transferred.getLong("firstResponseMillis")).isNotNull();
        assertThat(transferred.getLong("handleMillis")).isNotNull();
        given().auth().oauth2(bobToken).get("/api/v1/handoff/conversations/" + conversation).then().statusCode(200)
                .body("transferNote", equalTo("物流问题")).body("transcript.text", hasItem("订单号是 123456"));

        // Bob closes: CLOSED with timings, the load is free again
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of("note", "已解决"))
                .post("/api/v1/handoff/conversations/" + conversation + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        JsonPath closed = JsonPath.from(awaitHandoffEvent(conversation, "CLOSED").value());
        assertThat(closed.getString("agentId")).isEqualTo(bob);
        assertThat(closed.getLong("handleMillis")).isNotNull();
        assertThat((Object) closed.get("firstResponseMillis")).isNull();
        given().auth().oauth2(bobToken).get("/api/v1/handoff/conversations").then().statusCode(200)
                .body("conversations", hasSize(0));
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of())
                .post("/api/v1/handoff/conversations/" + conversation + "/close").then().statusCode(404);
    }

    @Test
    void theQueueServesComplaintsAndVipsFirstAndAnAgentCanReturnTheConversationToTheBot() {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "general", "通用");
        agent(admin, "Carol", "carol", List.of("general"), List.of("en"), 1);
        String carol = login(tenant, "carol");
        String plain = "conv-" + UUID.randomUUID();
        String vip = "conv-" + UUID.randomUUID();
        requestHandoff(tenant, plain, "m", "en", "general", null);
        awaitHandoffEvent(plain, "QUEUED");
        requestHandoff(tenant, vip, "m", "en", "general", "gold");
        ConsumerRecord<String, String> vipQueued = awaitHandoffEvent(vip, "QUEUED");
        assertThat(JsonPath.from(vipQueued.value()).getInt("position")).isEqualTo(1);
        awaitReplyContaining(vip, "You are next in line. No agent is online right now");

        status(carol, "ONLINE");
        assertThat(JsonPath.from(awaitHandoffEvent(vip, "AGENT_ASSIGNED").value()).getString("agentId")).isNotBlank();
        // capacity 1: the other customer keeps waiting, and hears the estimate once they move up
        given().auth().oauth2(carol).post("/api/v1/handoff/conversations/" + plain + "/accept").then().statusCode(409);
        given().auth().oauth2(carol).contentType("application/json").body(Map.of())
                .post("/api/v1/handoff/conversations/" + vip + "/return").then().statusCode(200)
                .body("status", equalTo("RETURNED"));
        awaitHandoffEvent(vip, "RETURNED_TO_BOT");
        awaitHandoffEvent(plain, "AGENT_ASSIGNED");
        status(carol, "AWAY");
        given().auth().oauth2(carol).contentType("application/json").body(Map.of("skillGroup", "nope"))
                .post("/api/v1/handoff/conversations/" + plain + "/transfer").then().statusCode(400);
    }

    @Test
    void adminsManageAgentsOthersCannotAndBadInputIsRefused() {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "vip", "VIP");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", "vip", "name", "VIP"))
                .post("/api/v1/handoff/skill-groups").then().statusCode(409);
        String id = agent(admin, "Dave", "dave", List.of("vip"), List.of("zh"), 3);
        given().auth().oauth2(admin).contentType("application/json").body(spec("Eve", "dave", List.of("vip")))
                .post("/api/v1/handoff/agents").then().statusCode(409);
        given().auth().oauth2(admin).contentType("application/json").body(spec("Eve", "eve", List.of("unknown")))
                .post("/api/v1/handoff/agents").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown"));
        Map<String, Object> shortPassword = new java.util.HashMap<>(spec("Eve", "eve", List.of("vip")));
        shortPassword.put("password", "short");
        given().auth().oauth2(admin).contentType("application/json").body(shortPassword)
                .post("/api/v1/handoff/agents").then().statusCode(400);
        given().auth().oauth2(TestJwt.token(tenant, "agent")).contentType("application/json")
                .body(spec("Eve", "eve", List.of("vip"))).post("/api/v1/handoff/agents").then().statusCode(403);
        given().auth().oauth2(TestJwt.token(tenant, "supervisor")).get("/api/v1/handoff/agents").then()
                .statusCode(200).body("username", hasItem("dave")).body("[0].load", is(0));
        // another tenant sees none of it
        given().auth().oauth2(TestJwt.token(tenant(), "admin")).get("/api/v1/handoff/agents/" + id).then()
                .statusCode(404);
        given().auth().oauth2(TestJwt.token(tenant(), "admin")).get("/api/v1/handoff/agents").then()
                .statusCode(200).body("$", hasSize(0));
        // wrong password, unknown user and another tenant all look alike
        for (Map<String, String> bad : List.of(Map.of("tenant", tenant, "username", "dave", "password", "wrong-pass"),
                Map.of("tenant", tenant, "username", "nobody", "password", "secret-pass-1"),
                Map.of("tenant", tenant(), "username", "dave", "password", "secret-pass-1"))) {
            given().contentType("application/json").body(bad).post("/api/v1/handoff/auth/login").then()
                    .statusCode(401).contentType("application/problem+json");
        }
        given().auth().oauth2(login(tenant, "dave")).contentType("application/json").body(Map.of("status", "busy"))
                .put("/api/v1/handoff/me/status").then().statusCode(400);
        given().auth().oauth2(TestJwt.token(tenant, "supervisor")).get("/api/v1/handoff/overview").then()
                .statusCode(200).body("agents.name", hasItem("Dave")).body("queues.skillGroup", hasItem("vip"));
        given().auth().oauth2(TestJwt.token(tenant, "agent")).get("/api/v1/handoff/overview").then().statusCode(403);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void group(String admin, String code, String name) {
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", code, "name", name))
                .post("/api/v1/handoff/skill-groups").then().statusCode(201).body("code", equalTo(code));
    }

    static Map<String, Object> spec(String name, String username, List<String> groups) {
        return Map.of("name", name, "username", username, "password", "secret-pass-1", "skillGroups", groups,
                "languages", List.of("zh", "en"), "maxConcurrent", 3);
    }

    static String agent(String admin, String name, String username, List<String> groups, List<String> languages,
            int capacity) {
        return given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("name", name, "username", username, "password", "secret-pass-1", "skillGroups", groups,
                        "languages", languages, "maxConcurrent", capacity))
                .post("/api/v1/handoff/agents").then().statusCode(201)
                .body("status", equalTo("OFFLINE")).body("id", notNullValue())
                .extract().path("id");
    }

    static String login(String tenant, String username) {
        return given().contentType("application/json")
                .body(Map.of("tenant", tenant, "username", username, "password", "secret-pass-1"))
                .post("/api/v1/handoff/auth/login").then().statusCode(200)
                .body("roles", hasItem("agent")).body("agent.username", equalTo(username))
                .extract().path("token");
    }

    static io.restassured.response.ValidatableResponse status(String token, String status) {
        return given().auth().oauth2(token).contentType("application/json").body(Map.of("status", status))
                .put("/api/v1/handoff/me/status").then().statusCode(200);
    }

    static String requestHandoff(String tenant, String conversation, String messageId, String language,
            String skillGroup, String vipLevel) {
        String id = UUID.randomUUID().toString();
        String customer = vipLevel == null ? "{\"name\":\"王女士\",\"vipLevel\":\"gold\"}"
                : "{\"name\":\"VIP\",\"vipLevel\":\"" + vipLevel + "\"}";
        if (vipLevel == null && !"after_sales".equals(skillGroup)) {
            customer = "null";
        }
        KafkaTopics.send(Topics.HANDOFF_REQUESTED, conversation, """
                {"requestId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","customerId":"cust-%s",
                 "messageId":"%s","reason":"customer_request","skillGroup":"%s","priority":"NORMAL","language":"%s",
                 "summary":{"intents":["human"],"entities":[],"lastMessages":[{"sender":"CUSTOMER","text":"转人工"}]},
                 "requestedAt":"%s","channelType":"web","customer":%s}
                """.formatted(id, tenant, conversation, conversation, messageId, skillGroup, language, Instant.now(),
                customer), KafkaTopics.cloudEventHeaders(id, EventTypes.HANDOFF_REQUESTED, conversation, tenant));
        return id;
    }

    static void understood(String tenant, String conversation, String messageId, String text, String intent,
            double sentiment) {
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.MESSAGE_UNDERSTOOD, conversation, """
                {"messageId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","customerId":"cust-%s",
                 "text":"%s","language":"zh","intent":{"name":"%s","confidence":0.9},"ranking":[],"entities":[],
                 "sentiment":{"label":"x","score":%s},"modelVersion":"t","receivedAt":"%s"}
                """.formatted(messageId + "-" + conversation, tenant, conversation, conversation, text, intent,
                sentiment, Instant.now()), KafkaTopics.cloudEventHeaders(id, EventTypes.MESSAGE_UNDERSTOOD,
                        conversation, tenant));
    }

    static void reply(String tenant, String conversation, String replyId, String sender, String text) {
        KafkaTopics.send(Topics.REPLY, conversation, """
                {"replyId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","sender":"%s","language":"zh",
                 "text":"%s","createdAt":"%s"}""".formatted(replyId + "-" + conversation, tenant, conversation, sender,
                text, Instant.now()), KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(),
                        EventTypes.REPLY_CREATED, conversation, tenant));
    }

    static ConsumerRecord<String, String> awaitReplyContaining(String conversation, String text) {
        return await().atMost(WAIT).until(() -> KafkaTopics.readAll(Topics.REPLY).stream()
                .filter(r -> conversation.equals(r.key()) && JsonPath.from(r.value()).getString("text") != null
                        && JsonPath.from(r.value()).getString("text").contains(text))
                .findFirst().orElse(null), r -> r != null);
    }

    static ConsumerRecord<String, String> awaitHandoffEvent(String conversation, String type) {
        return await().atMost(WAIT).until(() -> KafkaTopics.readAll(Topics.HANDOFF_EVENT).stream()
                .filter(r -> conversation.equals(r.key()) && type.equals(JsonPath.from(r.value()).getString("type")))
                .findFirst().orElse(null), r -> r != null);
    }
}
