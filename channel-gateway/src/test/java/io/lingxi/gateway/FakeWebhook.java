package io.lingxi.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server playing an integrator's webhook: every path is its own endpoint, which records what it
 * received and can be told to fail a number of times or to be down.
 */
final class FakeWebhook {

    record Received(Map<String, String> headers, String body) {
    }

    static final class Endpoint {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean down;
        final AtomicInteger refused = new AtomicInteger();
    }

    private static HttpServer server;
    private static final Map<String, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    private FakeWebhook() {
    }

    static synchronized String url(String name) {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String name0 = exchange.getRequestURI().getPath().substring(1);
                Endpoint endpoint = endpoint(name0);
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status;
                if (endpoint.down || endpoint.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    endpoint.refused.incrementAndGet();
                    status = 503;
                } else {
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
                    endpoint.received.add(new Received(headers, body));
                    status = 204;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }
        endpoint(name);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    static Endpoint endpoint(String name) {
        return ENDPOINTS.computeIfAbsent(name, n -> new Endpoint());
    }
}
