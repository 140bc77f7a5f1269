package io.lingxi.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking WeChat's API for one app: {@code GET /cgi-bin/token} and
 * {@code POST /cgi-bin/message/custom/send}, with tokens that can be expired and rate limits on demand.
 */
final class FakeWechat implements AutoCloseable {

    final String appId;
    final String secret;
    final AtomicInteger tokenCalls = new AtomicInteger();
    final AtomicInteger rateLimitedLeft = new AtomicInteger();
    final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    final List<Integer> answers = new CopyOnWriteArrayList<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private volatile String current;
    private final HttpServer server;

    FakeWechat(String appId, String secret) {
        this.appId = appId;
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/cgi-bin/message/custom/send", this::send);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** WeChat forgets the current token: the next call with it answers 40001. */
    void expireCurrentToken() {
        expired.add(current);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!appId.equals(query.get("appid")) || !secret.equals(query.get("secret"))
                || !"client_credential".equals(query.get("grant_type"))) {
            respond(exchange, new JsonObject().put("errcode", 40013).put("errmsg", "invalid appid"));
            return;
        }
        current = "TOKEN-" + tokenCalls.incrementAndGet();
        respond(exchange, new JsonObject().put("access_token", current).put("expires_in", 7200));
    }

    private void send(HttpExchange exchange) throws IOException {
        String token = query(exchange).get("access_token");
        JsonObject body = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int code;
        if (token == null || !token.equals(current) || expired.contains(token)) {
            code = 40001;
        } else if (rateLimitedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            code = 45047;
        } else {
            messages.add(body);
            code = 0;
        }
        answers.add(code);
        respond(exchange, new JsonObject().put("errcode", code).put("errmsg", code == 0 ? "ok" : "error " + code));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, JsonObject body) throws IOException {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
