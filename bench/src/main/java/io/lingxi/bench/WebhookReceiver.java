package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The integrator's webhook: receives pushed replies, checks their signature like docs/channels.md tells an
 * integrator to, answers 204 and hands each reply to the registry.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile String secret;

    public WebhookReceiver(int port, Registry registry, ObjectMapper mapper) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        executor = Executors.newFixedThreadPool(4, Gateway.daemon("bench-webhook"));
        server.setExecutor(executor);
        server.createContext("/replies", exchange -> {
            long nanos = System.nanoTime();
            long micros = Clock.epochMicros();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String timestamp = exchange.getRequestHeaders().getFirst("X-Lingxi-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Lingxi-Signature");
            if (secret != null && !valid(secret, timestamp, body, signature)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            // handled before the acknowledgement, as an integrator would; the arrival time is taken above
            JsonNode reply = mapper.readTree(body);
            registry.reply(reply.path("inReplyTo").asText(null), reply.path("replyId").asText(),
                    reply.path("sender").asText(), reply.path("text").asText(), nanos, micros);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    static boolean valid(String secret, String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
