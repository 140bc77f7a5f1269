package io.lingxi.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lingxi.testing.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A customer's messages answered end to end: gateway → nlu → dialogue → knowledge/handoff → gateway, with
 * analytics counting along, every hop over the real broker and every service a separate process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final String GATEWAY = "channel-gateway";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private static LingxiSuite suite;

    @BeforeAll
    static void startPlatform() {
        suite = LingxiSuite.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (suite != null) {
            suite.stop();
        }
    }

    @Test
    @Order(1)
    void aChineseGreetingIsAnsweredInChinese() {
        String customer = "zh-" + UUID.randomUUID();
        String messageId = "m-" + UUID.randomUUID();
        String conversation = send(messageId, customer, "你好");

        List<Map<String, Object>> lines = awaitLines(conversation, 2);
        assertThat(lines.get(0)).containsEntry("sender", "customer").containsEntry("text", "你好");
        assertThat(lines.get(1)).containsEntry("sender", "bot").containsEntry("inReplyTo", messageId);
        assertThat((String) lines.get(1).get("text")).startsWith("您好！我是灵犀智能客服");

        // dialogue persisted the conversation and its turn
        assertThat(queryLong("dialogue", "select count(*) from turn where conversation_id = ?", conversation))
                .isEqualTo(1);
        assertThat(queryString("dialogue", "select status from conversation where id = ?", conversation))
                .isEqualTo("BOT");
    }

    @Test
    @Order(2)
    void anEnglishQuestionIsAnsweredFromTheKnowledgeBaseInEnglish() {
        String customer = "en-" + UUID.randomUUID();
        String conversation = send("m-" + UUID.randomUUID(), customer, "hello");
        assertThat(awaitLines(conversation, 2).get(1).get("text").toString()).startsWith("Hello! I'm Lingxi");

        send("m-" + UUID.randomUUID(), customer, "How can I return something I bought?");
        List<Map<String, Object>> lines = awaitLines(conversation, 4);
        assertThat(lines.get(3)).containsEntry("sender", "bot");
        assertThat((String) lines.get(3).get("text")).isNotBlank().doesNotContain("Sorry, I can't answer that")
                .containsIgnoringCase("return");

        // not understood: the bot says so (or asks which topic was meant) instead of pretending to answer
        send("m-" + UUID.randomUUID(), customer, "what is quantum chromodynamics");
        assertThat((String) awaitLines(conversation, 6).get(5).get("text"))
                .matches("(?s)(Sorry, I can't answer that yet\\.|I'm not sure I understood\\.).*");
    }

    @Test
    @Order(3)
    void aChineseQuestionIsAnsweredFromTheKnowledgeBase() {
        String conversation = send("m-" + UUID.randomUUID(), "zh-q-" + UUID.randomUUID(), "请问怎么退货？");
        String answer = (String) awaitLines(conversation, 2).get(1).get("text");
        assertThat(answer).isNotBlank().doesNotStartWith("抱歉").contains("退");
    }

    @Test
    @Order(4)
    void askingForAHumanQueuesTheConversationAndTellsTheCustomer() {
        String customer = "human-" + UUID.randomUUID();
        String conversation = send("m-" + UUID.randomUUID(), customer, "转人工");

        List<Map<String, Object>> lines = awaitLines(conversation, 2);
        assertThat(lines.get(1)).containsEntry("sender", "system");
        assertThat((String) lines.get(1).get("text")).contains("人工客服");

        given().auth().oauth2(TestJwt.token(LingxiSuite.DEMO_TENANT, "agent"))
                .get(suite.url("handoff-service") + "/api/v1/handoff/queue")
                .then().statusCode(200)
                .body("entries.conversationId", hasItem(conversation));
        given().auth().oauth2(TestJwt.token("another-tenant", "agent"))
                .get(suite.url("handoff-service") + "/api/v1/handoff/queue")
                .then().statusCode(200)
                .body("entries.conversationId", org.hamcrest.Matchers.not(hasItem(conversation)));

        // while queued for a human the bot stays silent
        String later = "m-" + UUID.randomUUID();
        send(later, customer, "还要等多久");
        await().atMost(REPLY_TIMEOUT).until(() -> queryLong("dialogue",
                "select count(*) from turn where conversation_id = ?", conversation) == 2);
        assertThat(lines(conversation)).hasSize(3);
    }

    @Test
    @Order(5)
    void theSameMessageTwiceMakesOneTurnAndOneReply() {
        String customer = "dup-" + UUID.randomUUID();
        String messageId = "m-" + UUID.randomUUID();
        String conversation = send(messageId, customer, "谢谢");
        post(messageId, customer, "谢谢").statusCode(202)
                .body("conversationId", equalTo(conversation)).body("duplicate", equalTo(true));

        awaitLines(conversation, 2);
        // give a duplicate every chance to show up: a later message's reply arrives after it would have
        send("m-" + UUID.randomUUID(), customer, "再见");
        List<Map<String, Object>> lines = awaitLines(conversation, 4);
        assertThat(lines).extracting(l -> l.get("sender")).containsExactly("customer", "bot", "customer", "bot");
    }

    @Test
    @Order(6)
    void badRequestsGetProblemDetailsAndWriteNothing() {
        String customer = "bad-" + UUID.randomUUID();
        String url = suite.url(GATEWAY) + "/api/v1/channels/web/messages";
        String body = "{\"messageId\":\"x-%s\",\"customerId\":\"%s\",\"text\":\"你好\"}".formatted(UUID.randomUUID(), customer);
        given().contentType(ContentType.JSON).body(body).post(url).then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer nope").body(body).post(url)
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .body(body).post(suite.url(GATEWAY) + "/api/v1/channels/unknown/messages")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .body("{\"messageId\": ").post(url).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .body("{\"messageId\":\"y\",\"customerId\":\"" + customer + "\"}").post(url)
                .then().statusCode(400).body("errors.field", hasItem("text"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .body("{\"messageId\":\"z\",\"customerId\":\"" + customer + "\",\"text\":\"" + "x".repeat(8192) + "\"}")
                .post(url).then().statusCode(400).body("errors.field", hasItem("text"));

        assertThat(queryLong("gateway", "select count(*) from message where customer_id = ?", customer)).isZero();
    }

    @Test
    @Order(7)
    void noMessageIsLostWhileTheNluServiceIsDown() {
        ServiceProcess nlu = suite.service("nlu-service");
        nlu.kill();

        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            conversations.add(send("m-" + UUID.randomUUID(), "outage-" + i + "-" + UUID.randomUUID(), "你好"));
        }
        nlu.start();
        nlu.awaitReady(Duration.ofSeconds(120));

        for (String conversation : conversations) {
            List<Map<String, Object>> lines = awaitLines(conversation, 2);
            assertThat(lines).extracting(l -> l.get("sender")).containsExactly("customer", "bot");
        }
    }

    @Test
    @Order(8)
    void aDialogueCrashMidStreamLosesNoTurnAndSendsNoReplyTwice() {
        ServiceProcess dialogue = suite.service("dialogue-service");
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            conversations.add(send("m-" + UUID.randomUUID(), "crash-" + i + "-" + UUID.randomUUID(), "你好"));
        }
        dialogue.kill(); // wherever it was: mid-transaction, between commit and publish, or idle
        for (int i = 3; i < 6; i++) {
            conversations.add(send("m-" + UUID.randomUUID(), "crash-" + i + "-" + UUID.randomUUID(), "谢谢"));
        }
        dialogue.start();
        dialogue.awaitReady(Duration.ofSeconds(120));

        for (String conversation : conversations) {
            assertThat(awaitLines(conversation, 2)).extracting(l -> l.get("sender")).containsExactly("customer", "bot");
            assertThat(queryLong("dialogue", "select count(*) from turn where conversation_id = ?", conversation))
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(9)
    void analyticsCountsMessagesRepliesAndHandoffsPerChannel() {
        String token = TestJwt.token(LingxiSuite.DEMO_TENANT, "analyst");
        long messages = queryLong("gateway", "select count(*) from message where sender = 'CUSTOMER' and tenant_id = ?",
                LingxiSuite.DEMO_TENANT);
        long replies = queryLong("gateway", "select count(*) from message where sender <> 'CUSTOMER' and tenant_id = ?",
                LingxiSuite.DEMO_TENANT);
        await().atMost(REPLY_TIMEOUT).untilAsserted(() -> {
            JsonPath summary = given().auth().oauth2(token).get(suite.url("analytics-service") + "/api/v1/analytics/summary")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(summary.getLong("totals.messages")).isEqualTo(messages);
            assertThat(summary.getLong("totals.replies")).isEqualTo(replies);
            assertThat(summary.getLong("totals.handoffs")).isEqualTo(1);
            assertThat(summary.getList("channels.channelId")).containsExactly("web");
        });
        given().get(suite.url("analytics-service") + "/api/v1/analytics/summary").then().statusCode(401);
        given().auth().oauth2(TestJwt.token("another-tenant", "analyst"))
                .get(suite.url("analytics-service") + "/api/v1/analytics/summary")
                .then().statusCode(200).body("totals.messages", equalTo(0));
    }

    @Test
    @Order(10)
    void aCustomerReachesAnAgentWhoSeesTheBotConversationTransfersAndCloses() {
        String handoff = suite.url("handoff-service") + "/api/v1/handoff";
        String admin = TestJwt.token(LingxiSuite.DEMO_TENANT, "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", "general", "name", "通用"))
                .post(handoff + "/skill-groups").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        String first = createAgent(handoff, admin, "e2e-li", "小李");
        String second = createAgent(handoff, admin, "e2e-wang", "小王");

        // the bot first, then a human is asked for: the customer is queued and told so
        String customer = "agent-flow-" + UUID.randomUUID();
        String conversation = send("m-" + UUID.randomUUID(), customer, "你好");
        awaitLines(conversation, 2);
        send("m-" + UUID.randomUUID(), customer, "转人工");
        List<Map<String, Object>> queued = awaitLines(conversation, 4);
        assertThat(queued.get(3)).containsEntry("sender", "system");
        assertThat((String) queued.get(3).get("text")).contains("人工客服");
        given().auth().oauth2(TestJwt.token(LingxiSuite.DEMO_TENANT, "agent")).get(handoff + "/queue")
                .then().statusCode(200).body("entries.conversationId", hasItem(conversation));

        // the first agent logs in and goes online: the conversation is assigned with its whole history
        String li = login(handoff, "e2e-li");
        given().auth().oauth2(li).contentType(ContentType.JSON).body(Map.of("status", "ONLINE"))
                .put(handoff + "/me/status").then().statusCode(200);
        await().atMost(REPLY_TIMEOUT).untilAsserted(() -> given().auth().oauth2(li).get(handoff + "/conversations")
                .then().statusCode(200).body("conversations.conversationId", hasItem(conversation)));
        await().atMost(REPLY_TIMEOUT).untilAsserted(() -> {
            JsonPath detail = given().auth().oauth2(li).get(handoff + "/conversations/" + conversation)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(detail.getString("agentId")).isEqualTo(first);
            assertThat(detail.getString("reason")).isEqualTo("customer_request");
            assertThat(detail.getList("transcript.text", String.class)).contains("你好", "转人工")
                    .anySatisfy(text -> assertThat(text).startsWith("您好！我是灵犀智能客服"));
        });

        // the agent's reply reaches the customer through the gateway; the customer's answer reaches the agent
        given().auth().oauth2(li).contentType(ContentType.JSON).body(Map.of("text", "您好，我是客服小李，请问有什么可以帮您？"))
                .post(handoff + "/conversations/" + conversation + "/messages").then().statusCode(202);
        await().atMost(REPLY_TIMEOUT).until(() -> lines(conversation).stream()
                .anyMatch(line -> "agent".equals(line.get("sender"))
                        && "您好，我是客服小李，请问有什么可以帮您？".equals(line.get("text"))));
        send("m-" + UUID.randomUUID(), customer, "请问怎么退货？");
        await().atMost(REPLY_TIMEOUT).untilAsserted(() -> assertThat(given().auth().oauth2(li)
                .get(handoff + "/conversations/" + conversation).then().statusCode(200).extract().jsonPath()
                .getList("transcript.text", String.class)).contains("请问怎么退货？"));
        // the bot stays silent while an agent has the conversation
        assertThat(lines(conversation)).filteredOn(line -> "bot".equals(line.get("sender"))).hasSize(1);

        // agent assist: answers from the real knowledge base for the customer's latest message
        given().auth().oauth2(li).get(handoff + "/conversations/" + conversation + "/suggestions")
                .then().statusCode(200).body("suggestions.size()", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThan(0), org.hamcrest.Matchers.lessThanOrEqualTo(3)));

        // transfer to a second agent with a note; they close; dialogue sends the survey
        String wang = login(handoff, "e2e-wang");
        given().auth().oauth2(wang).contentType(ContentType.JSON).body(Map.of("status", "ONLINE"))
                .put(handoff + "/me/status").then().statusCode(200);
        given().auth().oauth2(li).contentType(ContentType.JSON).body(Map.of("agentId", second, "note", "退货问题，请跟进"))
                .post(handoff + "/conversations/" + conversation + "/transfer").then().statusCode(200);
        await().atMost(REPLY_TIMEOUT).untilAsserted(() -> {
            JsonPath detail = given().auth().oauth2(wang).get(handoff + "/conversations/" + conversation)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(detail.getString("agentId")).isEqualTo(second);
            assertThat(detail.getString("transferNote")).isEqualTo("退货问题，请跟进");
            assertThat(detail.getList("transcript.text", String.class)).contains("请问怎么退货？");
        });
        given().auth().oauth2(wang).contentType(ContentType.JSON).body(Map.of())
                .post(handoff + "/conversations/" + conversation + "/close").then().statusCode(200);
        await().atMost(REPLY_TIMEOUT).until(() -> lines(conversation).stream()
                .anyMatch(line -> String.valueOf(line.get("text")).startsWith("本次服务已结束")));
        await().atMost(REPLY_TIMEOUT).until(() -> "BOT".equals(
                queryString("dialogue", "select status from conversation where id = ?", conversation))
                || "CLOSED".equals(queryString("dialogue", "select status from conversation where id = ?", conversation)));
    }

    @Test
    @Order(11)
    void aModelTrainedAndActivatedOnOneNluReplicaIsServedByAnotherRunningReplica() {
        ServiceProcess replica = suite.startReplica("nlu-service");
        try {
            String tenant = "e2e-nlu-" + UUID.randomUUID().toString().substring(0, 8);
            String editor = TestJwt.token(tenant, "admin");
            String first = suite.url("nlu-service") + "/api/v1/nlu";
            String second = replica.baseUrl() + "/api/v1/nlu";
            List<Map<String, String>> examples = new ArrayList<>();
            Map<String, List<String>> data = Map.of(
                    "invoice", List.of("我要开发票", "发票怎么开", "能开增值税发票吗", "帮我开个发票", "开票信息在哪填",
                            "I need an invoice", "how do I get an invoice"),
                    "shipping_fee", List.of("运费多少钱", "包邮吗", "邮费怎么算", "满多少包邮", "运费谁出",
                            "how much is shipping", "is delivery free"),
                    "store_hours", List.of("你们几点开门", "营业时间是什么", "周末营业吗", "几点关门", "晚上还开吗",
                            "what are your opening hours", "are you open on sunday"));
            data.forEach((intent, texts) -> texts.forEach(text -> examples.add(Map.of("text", text, "intent", intent))));

            given().auth().oauth2(editor).contentType(ContentType.JSON).body(examples)
                    .post(first + "/training-data/import").then().statusCode(200);
            String location = given().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("activate", true)).post(first + "/training-jobs").then().statusCode(202)
                    .extract().header("Location");
            String job = suite.url("nlu-service") + location.substring(location.indexOf("/api/"));
            String version = await().atMost(Duration.ofSeconds(120)).until(() -> {
                JsonPath status = given().auth().oauth2(editor).get(job).then().statusCode(200).extract().jsonPath();
                assertThat(status.getString("status")).isNotEqualTo("FAILED");
                return "DONE".equals(status.getString("status")) ? status.getString("modelVersion") : null;
            }, java.util.Objects::nonNull);

            // the other replica swapped the tenant's model in without a restart
            await().atMost(REPLY_TIMEOUT).untilAsserted(() -> given().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("text", "发票怎么开呀")).post(second + "/parse").then().statusCode(200)
                    .body("modelVersion", equalTo(version)).body("intent.name", equalTo("invoice")));
            given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("text", "is shipping free"))
                    .post(second + "/parse").then().statusCode(200).body("intent.name", equalTo("shipping_fee"));
            // another tenant keeps its own model on both replicas
            given().auth().oauth2(TestJwt.token(LingxiSuite.DEMO_TENANT, "agent")).contentType(ContentType.JSON)
                    .body(Map.of("text", "发票怎么开呀")).post(second + "/parse").then().statusCode(200)
                    .body("modelVersion", org.hamcrest.Matchers.not(equalTo(version)));
        } finally {
            replica.stop();
        }
    }

    private static String createAgent(String handoff, String admin, String username, String name) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "username", username, "password", "e2e-password-" + username,
                        "skillGroups", List.of("general"), "languages", List.of("zh", "en"), "maxConcurrent", 3))
                .post(handoff + "/agents").then().statusCode(201).extract().path("id");
    }

    private static String login(String handoff, String username) {
        given().contentType(ContentType.JSON).body(Map.of("tenant", LingxiSuite.DEMO_TENANT, "username", username,
                "password", "wrong")).post(handoff + "/auth/login").then().statusCode(401);
        return given().contentType(ContentType.JSON).body(Map.of("tenant", LingxiSuite.DEMO_TENANT,
                "username", username, "password", "e2e-password-" + username))
                .post(handoff + "/auth/login").then().statusCode(200).extract().path("token");
    }

    private static String send(String messageId, String customer, String text) {
        return post(messageId, customer, text).statusCode(202).extract().path("conversationId");
    }

    private static ValidatableResponse post(String messageId, String customer, String text) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .body(Map.of("messageId", messageId, "customerId", customer, "text", text))
                .post(suite.url(GATEWAY) + "/api/v1/channels/web/messages")
                .then();
    }

    private static List<Map<String, Object>> awaitLines(String conversation, int count) {
        await().atMost(REPLY_TIMEOUT).until(() -> lines(conversation).size() >= count);
        List<Map<String, Object>> lines = lines(conversation);
        assertThat(lines).hasSize(count);
        return lines;
    }

    private static List<Map<String, Object>> lines(String conversation) {
        return given().header("Authorization", "Bearer " + LingxiSuite.DEMO_CHANNEL_KEY)
                .get(suite.url(GATEWAY) + "/api/v1/channels/web/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("messages");
    }

    private static long queryLong(String database, String sql, String parameter) {
        return Long.parseLong(queryString(database, sql, parameter));
    }

    private static String queryString(String database, String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(database), suite.database().user(),
                suite.database().password()); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
