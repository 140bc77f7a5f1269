package io.lingxi.handoff;

import static io.lingxi.handoff.AgentDeskTest.WAIT;
import static io.lingxi.handoff.AgentDeskTest.awaitHandoffEvent;
import static io.lingxi.handoff.AgentDeskTest.awaitReplyContaining;
import static io.lingxi.handoff.AgentDeskTest.group;
import static io.lingxi.handoff.AgentDeskTest.login;
import static io.lingxi.handoff.AgentDeskTest.requestHandoff;
import static io.lingxi.handoff.AgentDeskTest.status;
import static io.lingxi.handoff.AgentDeskTest.tenant;
import static io.lingxi.handoff.AgentDeskTest.understood;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Routing paths beside the main agent flow, against the real broker and database: offer-and-accept (tenant
 * {@value #OFFER_TENANT} is configured for offers, offer timeout 3 s in tests), outside working hours with a
 * message left as a ticket, queue position updates, and an agent whose console WebSocket drops.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "handoff_test"))
@WithTestResource(JwtTestResource.class)
class RoutingPathsTest {

    /** Named in application.properties: {@code %test.lingxi.handoff.routing.tenant-mode."offer-mode-tenant"=offer}. */
    static final String OFFER_TENANT = "offer-mode-tenant";

    @TestHTTPResource("/")
    URL base;

    @Test
    void inOfferModeTheBestAgentIsOfferedTheConversationADeclineOrTimeoutMovesItOnAndAnAcceptAssignsIt() {
        String admin = TestJwt.token(OFFER_TENANT, "admin");
        group(admin, "general", "通用");
        // Chen speaks only Chinese: never offered an English conversation
        String chen = AgentDeskTest.agent(admin, "Chen", "chen", List.of("general"), List.of("zh"), 2);
        String ann = AgentDeskTest.agent(admin, "Ann", "ann", List.of("general"), List.of("en"), 2);
        String ben = AgentDeskTest.agent(admin, "Ben", "ben", List.of("general"), List.of("en"), 2);
        Map<String, String> tokens = Map.of(chen, login(OFFER_TENANT, "chen"), ann, login(OFFER_TENANT, "ann"), ben,
                login(OFFER_TENANT, "ben"));
        tokens.values().forEach(token -> status(token, "ONLINE"));

        String conversation = "offer-" + UUID.randomUUID();
        requestHandoff(OFFER_TENANT, conversation, "m", "en", "general", null);
        String first = JsonPath.from(awaitHandoffEvent(conversation, "OFFERED").value()).getString("agentId");
        assertThat(first).isIn(ann, ben);
        String second = first.equals(ann) ? ben : ann;
        // offered, not assigned: the agent sees it as OFFERED with its expiry; others cannot take it
        given().auth().oauth2(tokens.get(first)).get("/api/v1/handoff/conversations").then().statusCode(200)
                .body("conversations.conversationId", hasItem(conversation))
                .body("conversations[0].status", equalTo("OFFERED"))
                .body("conversations[0].offerExpiresAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(tokens.get(second)).post("/api/v1/handoff/conversations/" + conversation + "/accept")
                .then().statusCode(409);
        given().auth().oauth2(tokens.get(second)).post("/api/v1/handoff/conversations/" + conversation + "/decline")
                .then().statusCode(409);
        assertThat(events(conversation, "AGENT_ASSIGNED")).isEmpty();

        // the first declines: offered to the other English speaker
        given().auth().oauth2(tokens.get(first)).post("/api/v1/handoff/conversations/" + conversation + "/decline")
                .then().statusCode(204);
        await().atMost(WAIT).until(() -> events(conversation, "OFFERED").size() == 2);
        assertThat(JsonPath.from(events(conversation, "OFFERED").get(1).value()).getString("agentId"))
                .isEqualTo(second);
        // the second lets the offer time out (3 s); with nobody left, a new round starts one timeout later
        await().atMost(WAIT).until(() -> events(conversation, "OFFERED").size() == 3);
        String third = JsonPath.from(events(conversation, "OFFERED").get(2).value()).getString("agentId");
        assertThat(third).isIn(ann, ben);
        assertThat(events(conversation, "OFFERED")).noneMatch(
                r -> chen.equals(JsonPath.from(r.value()).getString("agentId")));

        given().auth().oauth2(tokens.get(third)).post("/api/v1/handoff/conversations/" + conversation + "/accept")
                .then().statusCode(200).body("status", equalTo("ASSIGNED")).body("agentId", equalTo(third));
        JsonPath assigned = JsonPath.from(awaitHandoffEvent(conversation, "AGENT_ASSIGNED").value());
        assertThat(assigned.getString("agentId")).isEqualTo(third);
        awaitReplyContaining(conversation, "is now with you.");
        assertThat(events(conversation, "AGENT_ASSIGNED")).hasSize(1);

        // another tenant in the same service keeps the default: assigned at once, never offered
        String otherTenant = tenant();
        String otherAdmin = TestJwt.token(otherTenant, "admin");
        group(otherAdmin, "general", "通用");
        String dora = AgentDeskTest.agent(otherAdmin, "Dora", "dora", List.of("general"), List.of("zh"), 1);
        status(login(otherTenant, "dora"), "ONLINE");
        String auto = "auto-" + UUID.randomUUID();
        requestHandoff(otherTenant, auto, "m", "zh", "general", null);
        assertThat(JsonPath.from(awaitHandoffEvent(auto, "AGENT_ASSIGNED").value()).getString("agentId"))
                .isEqualTo(dora);
        assertThat(events(auto, "OFFERED")).isEmpty();
    }

    @Test
    void outsideWorkingHoursTheCustomerIsToldAndTheirMessageBecomesATicketThatOnlyTheTenantsAgentsCanWork() {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "night", "夜班");
        // working hours that do not include now (UTC): from two hours ahead, for one hour
        int from = (Instant.now().atZone(ZoneOffset.UTC).getHour() + 2) % 24;
        String hours = "%02d:00-%02d:00".formatted(from, from + 1);
        String nina = hoursAgent(admin, "Nina", "nina", hours);
        String otto = hoursAgent(admin, "Otto", "otto", hours);
        String ninaToken = login(tenant, "nina");
        String ottoToken = login(tenant, "otto");
        status(ninaToken, "ONLINE");

        String chinese = "hours-" + UUID.randomUUID();
        requestHandoff(tenant, chinese, "m", "zh", "night", null);
        assertThat(JsonPath.from(awaitReplyContaining(chinese, "现在是非工作时间").value()).getString("text"))
                .isEqualTo("正在为您转接人工客服，您是下一位。现在是非工作时间，您可以直接留言，客服上线后会尽快回复您。");
        String english = "hours-" + UUID.randomUUID();
        requestHandoff(tenant, english, "m", "en", "night", null);
        assertThat(JsonPath.from(awaitReplyContaining(english, "working hours").value()).getString("text"))
                .isEqualTo("Connecting you to a human agent. There is 1 customer ahead of you. It is outside our "
                        + "agents' working hours; you can leave a message here and an agent will get back to you as "
                        + "soon as possible.");
        // Nina is online but out of hours: nothing is assigned
        given().auth().oauth2(ninaToken).get("/api/v1/handoff/conversations").then().statusCode(200)
                .body("conversations", org.hamcrest.Matchers.hasSize(0));

        // the customer leaves a message (two lines): one ticket with both
        understood(tenant, chinese, "left-1", "明天上午请给我回电话", "other", 0.0);
        understood(tenant, chinese, "left-2", "电话 13900000000", "other", 0.0);
        String ticket = await().atMost(WAIT).until(() -> {
            JsonPath list = given().auth().oauth2(ninaToken).get("/api/v1/handoff/tickets").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> mine = list.<Map<String, Object>>getList("tickets").stream()
                    .filter(t -> chinese.equals(t.get("conversationId"))
                            && String.valueOf(t.get("text")).contains("13900000000"))
                    .toList();
            return mine.size() == 1 ? (String) mine.get(0).get("id") : null;
        }, id -> id != null);
        given().auth().oauth2(ninaToken).get("/api/v1/handoff/tickets").then()
                .body("tickets.findAll { it.conversationId == '" + chinese + "' }.size()", equalTo(1))
                .body("tickets.find { it.id == '" + ticket + "' }.text", containsString("明天上午请给我回电话"))
                .body("tickets.find { it.id == '" + ticket + "' }.status", equalTo("OPEN"));

        // another tenant sees nothing and can claim nothing
        String strangerTenant = tenant();
        String strangerAdmin = TestJwt.token(strangerTenant, "admin");
        group(strangerAdmin, "night", "夜班");
        hoursAgent(strangerAdmin, "Sam", "sam", null);
        String sam = login(strangerTenant, "sam");
        given().auth().oauth2(sam).get("/api/v1/handoff/tickets?status=ALL").then().statusCode(200)
                .body("tickets.id", not(hasItem(ticket)));
        given().auth().oauth2(sam).post("/api/v1/handoff/tickets/" + ticket + "/claim").then().statusCode(404)
                .contentType("application/problem+json");

        // replying needs a claim; Nina claims, Otto then cannot
        given().auth().oauth2(ninaToken).contentType("application/json").body(Map.of("text", "您好"))
                .post("/api/v1/handoff/tickets/" + ticket + "/reply").then().statusCode(409);
        given().auth().oauth2(ninaToken).post("/api/v1/handoff/tickets/" + ticket + "/claim").then().statusCode(200)
                .body("status", equalTo("CLAIMED")).body("agentId", equalTo(nina));
        given().auth().oauth2(ottoToken).post("/api/v1/handoff/tickets/" + ticket + "/claim").then().statusCode(409);
        given().auth().oauth2(ottoToken).contentType("application/json").body(Map.of("text", "hi"))
                .post("/api/v1/handoff/tickets/" + ticket + "/reply").then().statusCode(409);
        given().auth().oauth2(sam).contentType("application/json").body(Map.of("text", "hi"))
                .post("/api/v1/handoff/tickets/" + ticket + "/reply").then().statusCode(404);
        given().auth().oauth2(ninaToken).contentType("application/json").body(Map.of("text", " "))
                .post("/api/v1/handoff/tickets/" + ticket + "/reply").then().statusCode(400);

        // Nina's answer reaches the customer on cs.reply.v1 as AGENT
        given().auth().oauth2(ninaToken).contentType("application/json").body(Map.of("text", "收到，明天上午给您回电。"))
                .post("/api/v1/handoff/tickets/" + ticket + "/reply").then().statusCode(200);
        JsonPath answer = JsonPath.from(awaitReplyContaining(chinese, "明天上午给您回电").value());
        assertThat(answer.getString("sender")).isEqualTo("AGENT");
        assertThat(answer.getString("agentId")).isEqualTo(nina);
        assertThat(answer.getString("tenantId")).isEqualTo(tenant);

        given().auth().oauth2(ottoToken).post("/api/v1/handoff/tickets/" + ticket + "/resolve").then().statusCode(409);
        given().auth().oauth2(ninaToken).post("/api/v1/handoff/tickets/" + ticket + "/resolve").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
        given().auth().oauth2(ninaToken).get("/api/v1/handoff/tickets").then().statusCode(200)
                .body("tickets.id", not(hasItem(ticket)));
        given().auth().oauth2(TestJwt.token(tenant, "supervisor")).get("/api/v1/handoff/tickets?status=RESOLVED")
                .then().statusCode(200).body("tickets.id", hasItem(ticket));
        given().auth().oauth2(ninaToken).get("/api/v1/handoff/tickets?status=whatever").then().statusCode(400);
        assertThat(otto).isNotEqualTo(nina);
    }

    @Test
    void waitingCustomersHearTheirNewPlaceAndEstimateWhenTheCustomerAheadIsAssigned() {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "queue", "排队");
        AgentDeskTest.agent(admin, "Quinn", "quinn", List.of("queue"), List.of("zh", "en"), 1);
        String quinn = login(tenant, "quinn");
        String c1 = "pos-" + UUID.randomUUID();
        String c2 = "pos-" + UUID.randomUUID();
        String c3 = "pos-" + UUID.randomUUID();
        requestHandoff(tenant, c1, "m", "zh", "queue", null);
        awaitHandoffEvent(c1, "QUEUED");
        requestHandoff(tenant, c2, "m", "zh", "queue", null);
        awaitHandoffEvent(c2, "QUEUED");
        requestHandoff(tenant, c3, "m", "en", "queue", null);
        awaitReplyContaining(c3, "There are 2 customers ahead of you");

        // Quinn (capacity 1) comes online: c1 is assigned, c2 and c3 move up one place (4 min per customer, 1 agent)
        status(quinn, "ONLINE");
        awaitHandoffEvent(c1, "AGENT_ASSIGNED");
        assertThat(JsonPath.from(awaitReplyContaining(c2, "预计等待约").value()).getString("text"))
                .isEqualTo("您是下一位，预计等待约 4 分钟。");
        assertThat(JsonPath.from(awaitReplyContaining(c3, "the estimated wait is about 8 minutes").value())
                .getString("text")).isEqualTo("There is 1 customer ahead of you; the estimated wait is about 8 minutes.");
        given().auth().oauth2(admin).get("/api/v1/handoff/queue").then().statusCode(200)
                .body("entries.conversationId", contains(c2, c3))
                .body("entries.position", contains(1, 2));

        // c1 closes: c2 is assigned, c3 is next
        given().auth().oauth2(quinn).contentType("application/json").body(Map.of())
                .post("/api/v1/handoff/conversations/" + c1 + "/close").then().statusCode(200);
        awaitHandoffEvent(c2, "AGENT_ASSIGNED");
        awaitReplyContaining(c3, "You are next in line; the estimated wait is about 4 minutes.");
        // each move is told once: no repeated position messages
        assertThat(replies(c2).stream().filter(t -> t.contains("预计等待约")).count()).isEqualTo(1);
    }

    @Test
    void whenTheAgentsConsoleWebSocketDropsTheirConversationsGoBackToTheFrontAfterTheGracePeriod() throws Exception {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "ws", "在线");
        String wes = AgentDeskTest.agent(admin, "Wes", "wes", List.of("ws"), List.of("zh"), 1);
        String token = login(tenant, "wes");

        // a bad token is refused on the socket
        Socket refused = Socket.open(base, "not-a-token");
        await().atMost(WAIT).until(() -> refused.messages.stream().anyMatch(m -> m.contains("\"status\":401")));
        refused.abort();

        Socket console = Socket.open(base, token);
        await().atMost(WAIT).until(() -> console.messages.stream().anyMatch(m -> m.contains("\"type\":\"ready\"")
                && m.contains(wes)));
        status(token, "ONLINE");
        String held = "ws-" + UUID.randomUUID();
        requestHandoff(tenant, held, "m", "zh", "ws", null);
        assertThat(JsonPath.from(awaitHandoffEvent(held, "AGENT_ASSIGNED").value()).getString("agentId")).isEqualTo(wes);
        // the console hears about it live
        await().atMost(WAIT).until(() -> console.messages.stream().anyMatch(m -> m.contains("\"type\":\"changed\"")));
        String waiting = "ws-" + UUID.randomUUID();
        requestHandoff(tenant, waiting, "m", "zh", "ws", null);
        awaitHandoffEvent(waiting, "QUEUED");

        // the console closes; within the grace period (3 s in tests) nothing happens yet
        console.close();
        assertThat(given().auth().oauth2(token).get("/api/v1/handoff/conversations").then().statusCode(200)
                .extract().jsonPath().getList("conversations.conversationId")).contains(held);
        // after it: back at the front of the queue, the customer is told, the agent is offline
        JsonPath requeued = JsonPath.from(awaitHandoffEvent(held, "TRANSFERRED").value());
        assertThat(requeued.getString("note")).isEqualTo("agent_absent");
        assertThat(requeued.getString("agentId")).isNull();
        awaitReplyContaining(held, "您的客服暂时离开，已为您重新排在队首");
        given().auth().oauth2(token).get("/api/v1/handoff/me").then().statusCode(200).body("status", equalTo("OFFLINE"))
                .body("load", equalTo(0));
        given().auth().oauth2(admin).get("/api/v1/handoff/queue").then().statusCode(200)
                .body("entries.conversationId", contains(held, waiting))
                .body("entries.position", contains(1, 2));
        // back online, Wes gets the re-queued conversation first
        status(token, "ONLINE");
        await().atMost(WAIT).until(() -> events(held, "AGENT_ASSIGNED").size() == 2);
        assertThat(events(waiting, "AGENT_ASSIGNED")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String hoursAgent(String admin, String name, String username, String hours) {
        Map<String, Object> spec = new java.util.HashMap<>(Map.of("name", name, "username", username, "password",
                "secret-pass-1", "skillGroups", List.of("night"), "languages", List.of("zh", "en"), "maxConcurrent", 2,
                "timeZone", "UTC"));
        if (hours != null) {
            spec.put("workingHours", hours);
        }
        return given().auth().oauth2(admin).contentType("application/json").body(spec)
                .post("/api/v1/handoff/agents").then().statusCode(201).body("workingHours", equalTo(hours))
                .extract().path("id");
    }

    static List<ConsumerRecord<String, String>> events(String conversation, String type) {
        return KafkaTopics.readAll(Topics.HANDOFF_EVENT).stream()
                .filter(r -> conversation.equals(r.key()) && type.equals(JsonPath.from(r.value()).getString("type")))
                .toList();
    }

    static List<String> replies(String conversation) {
        return KafkaTopics.readAll(Topics.REPLY).stream().filter(r -> conversation.equals(r.key()))
                .map(r -> JsonPath.from(r.value()).getString("text")).toList();
    }

    /** A console connection through the JDK WebSocket client, collecting what the server pushes. */
    record Socket(WebSocket socket, List<String> messages) {

        static Socket open(URL base, String token) throws Exception {
            List<String> messages = new CopyOnWriteArrayList<>();
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "")
                    + "/api/v1/handoff/console/ws?token=" + token);
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        messages.add(partial.toString());
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            return new Socket(socket, messages);
        }

        void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }

        void abort() {
            socket.abort();
        }
    }
}
