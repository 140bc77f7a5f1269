package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the channel gateway's message API in tests: a posted message is answered 20 ms later on the
 * conversation's SSE stream and in its pull view. Texts containing "silent" get no answer; texts containing
 * "twice" are answered twice under two reply ids (what a step processed twice upstream looks like).
 */
final class FakeGateway implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, List<ObjectNode>> conversations = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong replyIds = new AtomicLong();
    final AtomicLong posts = new AtomicLong();

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/api/v1/channels/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"Bearer test-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
        } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/messages")) {
            posts.incrementAndGet();
            JsonNode body = mapper.readTree(exchange.getRequestBody().readAllBytes());
            String conversation = "conv-" + body.path("customerId").asText();
            String messageId = body.path("messageId").asText();
            String text = body.path("text").asText();
            add(conversation, line(messageId, "customer", text, null));
            if (!text.contains("silent")) {
                replies.schedule(() -> {
                    add(conversation, line("r-" + replyIds.incrementAndGet(), "bot", "reply to " + text, messageId));
                    if (text.contains("twice")) {
                        add(conversation, line("r-" + replyIds.incrementAndGet(), "bot", "reply to " + text,
                                messageId));
                    }
                }, 20, TimeUnit.MILLISECONDS);
            }
            respond(exchange, 202, "{\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + messageId
                    + "\",\"duplicate\":false}");
        } else if (path.endsWith("/events")) {
            stream(exchange, path.split("/")[6]);
        } else if (path.endsWith("/messages")) {
            ObjectNode view = mapper.createObjectNode();
            ArrayNode lines = view.putArray("messages");
            List<ObjectNode> conversation = conversations.getOrDefault(path.split("/")[6], List.of());
            synchronized (conversation) {
                conversation.forEach(lines::add);
            }
            respond(exchange, 200, mapper.writeValueAsString(view));
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private void stream(HttpExchange exchange, String conversationId) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        int sent = 0;
        long until = System.nanoTime() + 20_000_000_000L;
        try (OutputStream out = exchange.getResponseBody()) {
            while (System.nanoTime() < until) {
                List<ObjectNode> lines = new ArrayList<>();
                List<ObjectNode> conversation = conversations.getOrDefault(conversationId, List.of());
                synchronized (conversation) {
                    lines.addAll(conversation.subList(Math.min(sent, conversation.size()), conversation.size()));
                }
                for (ObjectNode line : lines) {
                    out.write(("id:" + line.path("seq").asText() + "\nevent:message\ndata:"
                            + mapper.writeValueAsString(line) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    sent++;
                }
                out.flush();
                Thread.sleep(5);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private ObjectNode line(String id, String sender, String text, String inReplyTo) {
        ObjectNode line = mapper.createObjectNode().put("id", id).put("sender", sender).put("text", text)
                .put("seq", seq.incrementAndGet());
        if (inReplyTo != null) {
            line.put("inReplyTo", inReplyTo);
        }
        return line;
    }

    private void add(String conversation, ObjectNode line) {
        List<ObjectNode> lines = conversations.computeIfAbsent(conversation, k -> new ArrayList<>());
        synchronized (lines) {
            lines.add(line);
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
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        replies.shutdownNow();
    }
}
