package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.channel;
import static io.lingxi.gateway.GatewayTestSupport.converse;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.post;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.lingxi.gateway.GatewayTestSupport.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class GenericApiTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @TestHTTPResource("/")
    URL base;

    @Test
    void richMessagesAreKeptWithTheirStructureAndOnlyWordsReachTheBot() {
        String[] ch = channel("app", "{\"type\":\"app\"}");
        String customer = "c-" + UUID.randomUUID();
        String conversation = post(ch[0], ch[1], """
                {"messageId":"open-%1$s","customerId":"%1$s","type":"event","event":{"name":"session_opened"},
                 "customer":{"name":"王小明","vipLevel":"gold","externalId":"crm-42"}}""".formatted(customer))
                .statusCode(202).extract().path("conversationId");
        post(ch[0], ch[1], """
                {"messageId":"img-%1$s","customerId":"%1$s","type":"image","url":"https://cdn.example.com/a.png"}"""
                .formatted(customer)).statusCode(202).body("conversationId", equalTo(conversation));
        post(ch[0], ch[1], """
                {"messageId":"file-%1$s","customerId":"%1$s","type":"file","url":"https://cdn.example.com/i.pdf",
                 "fileName":"发票.pdf","text":"这是发票"}""".formatted(customer)).statusCode(202);
        post(ch[0], ch[1], """
                {"messageId":"loc-%1$s","customerId":"%1$s","type":"location",
                 "location":{"latitude":31.23,"longitude":121.47,"label":"上海"}}""".formatted(customer)).statusCode(202);
        post(ch[0], ch[1], """
                {"messageId":"qr-%1$s","customerId":"%1$s","type":"event","event":{"name":"quick_reply","value":"我想查订单"}}"""
                .formatted(customer)).statusCode(202);
        post(ch[0], ch[1], """
                {"messageId":"sat-%1$s","customerId":"%1$s","type":"event","event":{"name":"satisfaction","value":"5"}}"""
                .formatted(customer)).statusCode(202);

        given().header("Authorization", "Bearer " + ch[1])
                .get("/api/v1/channels/" + ch[0] + "/conversations/" + conversation + "/messages").then()
                .statusCode(200)
                .body("messages", hasSize(6))
                .body("messages[0].kind", equalTo("event"))
                .body("messages[0].payload.event", equalTo("session_opened"))
                .body("messages[1].kind", equalTo("image"))
                .body("messages[1].payload.url", equalTo("https://cdn.example.com/a.png"))
                .body("messages[2].payload.fileName", equalTo("发票.pdf"))
                .body("messages[2].text", equalTo("这是发票"))
                .body("messages[3].payload.label", equalTo("上海"))
                .body("messages[4].text", equalTo("我想查订单"))
                .body("messages[5].payload.value", equalTo("5"))
                .body("customer.name", equalTo("王小明"))
                .body("customer.vipLevel", equalTo("gold"))
                .body("customer.externalId", equalTo("crm-42"));

        // the bot hears the words: image, file, location and the quick reply; not the session or survey events
        awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, customer)).hasSize(4));
        List<String> texts = eventsOf(Topics.MESSAGE_RECEIVED, customer).stream().map(r -> r.value()).toList();
        assertThat(texts).anySatisfy(v -> assertThat(v).contains("\"text\":\"我想查订单\""))
                .anySatisfy(v -> assertThat(v).contains("\"text\":\"这是发票\""))
                .noneSatisfy(v -> assertThat(v).contains("满意度"));
    }

    @Test
    void publishedMessagesCarryKindPayloadTheMergedProfileAndTheCallId() throws Exception {
        String[] ch = channel("app", "{\"type\":\"app\"}");
        String customer = "p-" + UUID.randomUUID();
        post(ch[0], ch[1], """
                {"messageId":"hello-%1$s","customerId":"%1$s","text":"你好","customer":{"name":"王小明","vipLevel":"silver"}}"""
                .formatted(customer)).statusCode(202);
        // later hints win field by field; fields not sent again stay
        post(ch[0], ch[1], """
                {"messageId":"pic-%1$s","customerId":"%1$s","type":"image","url":"https://cdn.example.com/broken.jpg",
                 "text":"收到的商品坏了","customer":{"vipLevel":"gold","externalId":"crm-7"}}""".formatted(customer))
                .statusCode(202);
        awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, "pic-" + customer)).hasSize(1));
        JsonNode image = JSON.readTree(eventsOf(Topics.MESSAGE_RECEIVED, "pic-" + customer).get(0).value());
        assertThat(image.path("kind").asText()).isEqualTo("image");
        assertThat(image.path("text").asText()).isEqualTo("收到的商品坏了");
        assertThat(image.path("payload").path("url").asText()).isEqualTo("https://cdn.example.com/broken.jpg");
        assertThat(image.path("customer").path("name").asText()).isEqualTo("王小明");
        assertThat(image.path("customer").path("vipLevel").asText()).isEqualTo("gold");
        assertThat(image.path("customer").path("externalId").asText()).isEqualTo("crm-7");
        assertThat(image.path("callId").isNull()).isTrue();
        MessageReceived typed = JSON.readValue(eventsOf(Topics.MESSAGE_RECEIVED, "pic-" + customer).get(0).value(),
                MessageReceived.class);
        assertThat(typed.customer().vip()).isTrue();

        // a customer who never sent hints has no profile on the event
        String anonymous = "anon-" + UUID.randomUUID();
        post(ch[0], ch[1], text(anonymous, "在吗")).statusCode(202);
        awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, anonymous)).hasSize(1));
        JsonNode plain = JSON.readTree(eventsOf(Topics.MESSAGE_RECEIVED, anonymous).get(0).value());
        assertThat(plain.path("kind").asText()).isEqualTo("text");
        assertThat(plain.path("customer").isNull()).isTrue();
        assertThat(plain.path("payload").isNull()).isTrue();

        String[] phone = channel("ivr", "{\"type\":\"phone\"}");
        String caller = "+86138" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        post(phone[0], phone[1], """
                {"messageId":"utt-%s","customerId":"%s","text":"我要退货","call":{"callId":"call-%s","confidence":0.87}}"""
                .formatted(caller, caller, caller)).statusCode(202);
        awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, "utt-" + caller)).hasSize(1));
        JsonNode utterance = JSON.readTree(eventsOf(Topics.MESSAGE_RECEIVED, "utt-" + caller).get(0).value());
        assertThat(utterance.path("channelType").asText()).isEqualTo("phone");
        assertThat(utterance.path("callId").asText()).isEqualTo("call-" + caller);
        assertThat(utterance.path("payload").path("call").path("confidence").asDouble()).isEqualTo(0.87);
        assertThat(utterance.path("text").asText()).isEqualTo("我要退货");
    }

    @Test
    void invalidRichMessagesAreRefusedFieldByField() {
        String[] ch = channel("app", "{\"type\":\"app\"}");
        post(ch[0], ch[1], "{\"messageId\":\"x1\",\"customerId\":\"c\",\"type\":\"image\"}").statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("url"));
        post(ch[0], ch[1], "{\"messageId\":\"x2\",\"customerId\":\"c\",\"type\":\"image\",\"url\":\"javascript:alert(1)\"}")
                .statusCode(400).body("errors.field", hasItem("url"));
        post(ch[0], ch[1], "{\"messageId\":\"x3\",\"customerId\":\"c\",\"type\":\"location\",\"location\":{\"latitude\":100,\"longitude\":0}}")
                .statusCode(400).body("errors.field", hasItem("latitude"));
        post(ch[0], ch[1], "{\"messageId\":\"x4\",\"customerId\":\"c\",\"type\":\"event\",\"event\":{\"name\":\"satisfaction\",\"value\":\"9\"}}")
                .statusCode(400).body("errors.field", hasItem("value"));
        post(ch[0], ch[1], "{\"messageId\":\"x5\",\"customerId\":\"c\",\"type\":\"sticker\"}")
                .statusCode(400).body("errors.field", hasItem("type"));
        post(ch[0], ch[1], "{\"messageId\":\"x6\",\"customerId\":\"c\",\"text\":\"hi\",\"customer\":{\"name\":\"%s\"}}"
                .formatted("名".repeat(65))).statusCode(400).body("errors.field", hasItem("name"));
        given().header("Authorization", "Bearer " + ch[1]).contentType("application/json")
                .body("{\"messageId\":\"big\",\"customerId\":\"c\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}")
                .post("/api/v1/channels/" + ch[0] + "/messages").then().statusCode(413);
    }

    @Test
    void ratesAbovePerCustomerAndPerChannelLimitsGet429WithRetryAfter() {
        String[] ch = channel("rate", "{\"type\":\"app\",\"rateLimits\":{\"perChannelPerMinute\":4,\"perCustomerPerMinute\":2}}");
        post(ch[0], ch[1], text("alice", "1")).statusCode(202);
        post(ch[0], ch[1], text("alice", "2")).statusCode(202);
        String retryAfter = post(ch[0], ch[1], text("alice", "3")).statusCode(429)
                .contentType("application/problem+json")
                .body("title", equalTo("Too Many Requests"))
                .extract().header("Retry-After");
        // sliding window: the two weigh into the next minute too, so the honest wait is up to two minutes
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 120L);
        // another customer still gets through, until the channel's own limit
        post(ch[0], ch[1], text("bob", "1")).statusCode(202);
        post(ch[0], ch[1], text("carol", "1")).statusCode(202);
        post(ch[0], ch[1], text("dave", "1")).statusCode(429).body("detail", org.hamcrest.Matchers.containsString("Channel"));
    }

    @Test
    void phoneChannelsNeedTheCallAndGetRepliesShapedForSpeech() {
        String[] ch = channel("ivr", "{\"type\":\"phone\"}");
        post(ch[0], ch[1], "{\"messageId\":\"p0\",\"customerId\":\"+8613800000000\",\"text\":\"查订单\"}").statusCode(400)
                .body("errors.field", hasItem("call"));
        String conversation = post(ch[0], ch[1], """
                {"messageId":"p1-%s","customerId":"+8613800000000","text":"我想查订单",
                 "call":{"callId":"call-77","confidence":0.92}}""".formatted(UUID.randomUUID())).statusCode(202)
                .extract().path("conversationId");
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation,
                "请点击 https://shop.example.com/orders 查看订单详情。**订单号**在短信里，您也可以告诉我订单号，我来帮您查询最新的物流状态和预计送达时间！",
                "[{\"label\":\"查物流\",\"payload\":\"查物流\"},{\"label\":\"转人工\",\"payload\":\"转人工\"}]");
        awaitUntil(() -> given().header("Authorization", "Bearer " + ch[1])
                .get("/api/v1/channels/" + ch[0] + "/conversations/" + conversation + "/messages").then()
                .statusCode(200)
                .body("messages", hasSize(2))
                .body("messages[0].payload.call.callId", equalTo("call-77"))
                .body("messages[1].quickReplies", nullValue())
                .body("messages[1].speech", not(hasItem(org.hamcrest.Matchers.containsString("http"))))
                .body("messages[1].speech", not(hasItem(org.hamcrest.Matchers.containsString("**"))))
                .body("messages[1].speech", hasItem("您可以说：查物流、转人工。"))
                .body("messages[1].speech.every { it.length() <= 40 }", is(true)));
    }

    @Test
    void serverSentEventsStreamTheConversationAndResumeFromTheLastEvent() throws Exception {
        String[] ch = channel("sse", "{\"type\":\"app\"}");
        String conversation = converse(ch[0], ch[1], "sse-" + UUID.randomUUID());
        List<String> lines = new CopyOnWriteArrayList<>();
        Flow.Subscription[] connection = stream(ch, conversation, null, lines);
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "流式回复");
        awaitUntil(() -> assertThat(lines).anySatisfy(l -> assertThat(l).contains("流式回复")));
        connection[0].cancel();
        List<String> ids = lines.stream().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
        assertThat(ids).hasSize(2);
        assertThat(lines).contains("event:message");

        // resume after the first event: only the reply comes again
        List<String> resumed = new CopyOnWriteArrayList<>();
        Flow.Subscription[] again = stream(ch, conversation, ids.get(0), resumed);
        awaitUntil(() -> assertThat(resumed).anySatisfy(l -> assertThat(l).contains("流式回复")));
        again[0].cancel();
        assertThat(resumed).noneSatisfy(l -> assertThat(l).contains("你好"));

        HttpResponse<java.io.InputStream> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base.toString()).resolve("/api/v1/channels/" + ch[0] + "/conversations/"
                                + conversation + "/events"))
                .header("Authorization", "Bearer wrong").header("Accept", "text/event-stream")
                .timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        refused.body().close();
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void pushedStreamsGetEveryReplyOnceAndInOrderWhileConversationsAreHandledConcurrently() {
        String[] ch = channel("push", "{\"type\":\"app\"}");
        int conversations = 6;
        int repliesEach = 5;
        List<String> ids = new java.util.ArrayList<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        List<List<String>> streams = new java.util.ArrayList<>();
        List<Flow.Subscription[]> connections = new java.util.ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            String conversation = converse(ch[0], ch[1], "push-" + c + "-" + UUID.randomUUID());
            ids.add(conversation);
            List<String> lines = timed(arrived);
            streams.add(lines);
            connections.add(stream(ch, conversation, null, lines));
            int index = c;
            awaitUntil(() -> assertThat(streams.get(index)).contains("event:message")); // the greeting: connected
        }
        // the bot answers all conversations at once, interleaved: each conversation's replies keep their order
        Map<String, Long> sent = new ConcurrentHashMap<>();
        for (int r = 1; r <= repliesEach; r++) {
            for (int c = 0; c < conversations; c++) {
                String text = "推送回复-" + c + "-" + r;
                String replyId = UUID.randomUUID().toString();
                sent.put(text, System.nanoTime());
                reply(replyId, replyId, ch[0], ids.get(c), text);
            }
        }
        for (int c = 0; c < conversations; c++) {
            int index = c;
            awaitUntil(() -> assertThat(data(streams.get(index))).hasSize(1 + repliesEach));
        }
        for (int c = 0; c < conversations; c++) {
            List<String> data = data(streams.get(c));
            for (int r = 1; r <= repliesEach; r++) {
                assertThat(data.get(r)).contains("推送回复-" + c + "-" + r + "\"");
            }
            List<Long> seqs = streams.get(c).stream().filter(l -> l.startsWith("id:"))
                    .map(l -> Long.parseLong(l.substring(3).trim())).toList();
            assertThat(seqs).hasSize(1 + repliesEach).isSorted().doesNotHaveDuplicates();
        }

        // resume the first conversation after its third line: exactly the replies after it, in order
        List<String> first = streams.get(0);
        String third = first.stream().filter(l -> l.startsWith("id:")).skip(2).findFirst().orElseThrow().substring(3).trim();
        connections.forEach(connection -> connection[0].cancel());
        List<String> resumed = new CopyOnWriteArrayList<>();
        Flow.Subscription[] again = stream(ch, ids.get(0), third, resumed);
        awaitUntil(() -> assertThat(data(resumed)).hasSize(repliesEach - 2));
        String late = "推送回复-0-" + (repliesEach + 1);
        String lateId = UUID.randomUUID().toString();
        reply(lateId, lateId, ch[0], ids.get(0), late);
        awaitUntil(() -> assertThat(data(resumed)).hasSize(repliesEach - 1));
        again[0].cancel();
        List<String> data = data(resumed);
        for (int r = 3; r <= repliesEach + 1; r++) {
            assertThat(data.get(r - 3)).contains("推送回复-0-" + r + "\"");
        }

        // a figure, not an assertion: reply record sent → line received by the SSE client
        List<Long> millis = sent.entrySet().stream().map(e -> arrived.entrySet().stream()
                        .filter(a -> a.getKey().contains(e.getKey() + "\"")).findFirst()
                        .map(a -> (a.getValue() - e.getValue()) / 1_000_000).orElseThrow())
                .sorted().toList();
        System.out.printf("SSE push: reply record → client, %d replies of %d conversations: p50 %d ms, max %d ms%n",
                millis.size(), conversations, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
    }

    private static List<String> data(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("data:")).toList();
    }

    /** A stream's lines, with the time each arrived. */
    private static List<String> timed(Map<String, Long> arrived) {
        return new CopyOnWriteArrayList<>() {
            @Override
            public boolean add(String line) {
                arrived.putIfAbsent(line, System.nanoTime());
                return super.add(line);
            }
        };
    }

    /** Follows the event stream on another thread; cancel the answer's subscription to stop. */
    private Flow.Subscription[] stream(String[] ch, String conversation, String lastEventId, List<String> sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(
                        "/api/v1/channels/" + ch[0] + "/conversations/" + conversation + "/events"))
                .header("Authorization", "Bearer " + ch[1]).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(
                new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription[0] = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        sink.add(line);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
        return subscription;
    }
}
