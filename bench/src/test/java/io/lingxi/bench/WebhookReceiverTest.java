package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private static final String BODY = "{\"type\":\"reply\",\"replyId\":\"r-9\",\"inReplyTo\":\"m-1\",\"sender\":\"bot\","
            + "\"text\":\"好的，请提供订单号。\"}";

    @Test
    void aSignedReplyIsAcceptedAndMatchedAndABadSignatureIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Registry registry = new Registry();
        TurnRecord turn = new TurnRecord("open", "zh-order", 0, "m-1", Script.Turn.of("我的订单到哪了", "订单号"), 0,
                System.nanoTime());
        registry.sent(turn, t -> {
        });
        HttpClient http = HttpClient.newHttpClient();
        try (WebhookReceiver receiver = new WebhookReceiver(port, registry, new ObjectMapper())) {
            receiver.secret("whsec_test");
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);

            assertThat(post(http, port, timestamp, "v1=" + "0".repeat(64))).isEqualTo(401);
            assertThat(turn.answered()).isFalse();
            assertThat(receiver.badSignatures()).isEqualTo(1);

            assertThat(post(http, port, timestamp, sign("whsec_test", timestamp))).isEqualTo(204);
            assertThat(turn.answered()).isTrue();
            assertThat(turn.unexpected()).isFalse();
        }
    }

    private static int post(HttpClient http, int port, String timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/replies"))
                .header("X-Lingxi-Timestamp", timestamp).header("X-Lingxi-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String sign(String secret, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + BODY).getBytes(StandardCharsets.UTF_8)));
    }
}
