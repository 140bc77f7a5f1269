package io.lingxi.dialogue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An enterprise's order system, as a local HTTP server speaking the demo order API: A-numbers exist, B-numbers
 * do not, S-numbers answer too slowly, and every call is counted.
 */
public class FakeOrderSystem implements QuarkusTestResourceLifecycleManager {

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/orders/", this::order);
        server.start();
        return Map.of("lingxi.dialogue.connector-values.demo-order-api",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "lingxi.dialogue.connector-values.demo-order-api-key", "test-key");
    }

    static int calls(String orderNumber) {
        return CALLS.getOrDefault(orderNumber, new AtomicInteger()).get();
    }

    private void order(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String number = parts[2];
        CALLS.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
        if (!"test-key".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
            respond(exchange, 401, "{\"error\":\"bad key\"}");
        } else if (number.startsWith("S")) {
            try {
                Thread.sleep(3_000); // slower than the connector's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        } else if (number.startsWith("A") && parts.length == 4 && parts[3].equals("cancel")) {
            respond(exchange, 200, "{\"orderNumber\":\"" + number + "\",\"status\":\"cancelled\"}");
        } else if (number.startsWith("A")) {
            respond(exchange, 200, """
                    {"orderNumber":"%s","statusText":{"zh":"已发货","en":"shipped"},"carrier":"顺丰速运",
                     "trackingNumber":"SF1234567890","eta":"2026-11-26"}""".formatted(number));
        } else {
            respond(exchange, 404, "{\"error\":\"no such order\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
