package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/** The channel gateway's public HTTP API, as an integrator calls it. */
public final class Gateway implements AutoCloseable {

    /** A benchmark channel: its id and API key (and webhook secret when replies are pushed). */
    public record Channel(String id, String apiKey, String webhookSecret) {
    }

    /** The gateway's answer to a posted message. */
    public record Accepted(int status, String conversationId, String body) {
    }

    private final String base;
    private final ObjectMapper mapper;
    private final ExecutorService executor;
    private final HttpClient http;

    public Gateway(String base, ObjectMapper mapper) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.mapper = mapper;
        this.executor = Executors.newFixedThreadPool(4, daemon("bench-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Creates the benchmark channel of the admin token's tenant with limits high enough for the load, or, when it
     * exists from an earlier run, gives it a fresh key (no overlap) and the same limits.
     */
    public Channel ensureChannel(String adminToken, String channelId, String webhookUrl, int perChannelPerMinute,
            int perCustomerPerMinute) throws IOException, InterruptedException {
        ObjectNode limits = mapper.createObjectNode().put("perChannelPerMinute", perChannelPerMinute)
                .put("perCustomerPerMinute", perCustomerPerMinute);
        ObjectNode create = mapper.createObjectNode().put("id", channelId).put("name", "Lingxi benchmark")
                .put("type", "app");
        create.set("rateLimits", limits);
        if (webhookUrl != null) {
            create.put("replyWebhookUrl", webhookUrl);
        }
        HttpResponse<String> created = admin("POST", "/api/v1/admin/channels", adminToken, create);
        if (created.statusCode() == 201) {
            JsonNode body = mapper.readTree(created.body());
            return new Channel(channelId, body.path("apiKey").asText(), body.path("webhookSecret").asText(null));
        }
        if (created.statusCode() != 409) {
            throw new IOException("creating channel " + channelId + " answered " + created.statusCode() + ": "
                    + created.body());
        }
        ObjectNode patch = mapper.createObjectNode();
        patch.set("rateLimits", limits);
        patch.put("replyWebhookUrl", webhookUrl == null ? "" : webhookUrl);
        HttpResponse<String> patched = admin("PATCH", "/api/v1/admin/channels/" + channelId, adminToken, patch);
        expect(patched, 200, "configuring channel " + channelId);
        admin("POST", "/api/v1/admin/channels/" + channelId + "/enable", adminToken, mapper.createObjectNode());
        HttpResponse<String> key = admin("POST", "/api/v1/admin/channels/" + channelId + "/api-key", adminToken,
                mapper.createObjectNode().put("overlapSeconds", 0));
        expect(key, 200, "rotating the key of channel " + channelId);
        String secret = null;
        if (webhookUrl != null) {
            HttpResponse<String> rotated = admin("POST", "/api/v1/admin/channels/" + channelId + "/webhook-secret",
                    adminToken, mapper.createObjectNode());
            expect(rotated, 200, "rotating the webhook secret of channel " + channelId);
            secret = mapper.readTree(rotated.body()).path("webhookSecret").asText();
        }
        return new Channel(channelId, mapper.readTree(key.body()).path("apiKey").asText(), secret);
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> admin(String method, String path, String token, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a customer's text message; completes with the status and the conversation id (202). */
    public CompletableFuture<Accepted> post(Channel channel, String messageId, String customerId, String text,
            Duration timeout) {
        ObjectNode body = mapper.createObjectNode().put("messageId", messageId).put("customerId", customerId)
                .put("text", text);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/" + channel.id() + "/messages"))
                    .timeout(timeout).header("Authorization", "Bearer " + channel.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            String conversation = null;
            if (response.statusCode() == 202) {
                try {
                    conversation = mapper.readTree(response.body()).path("conversationId").asText(null);
                } catch (IOException e) {
                    conversation = null;
                }
            }
            return new Accepted(response.statusCode(), conversation, response.body());
        });
    }

    /** An open event stream of one conversation; {@link #close()} ends it. */
    public static final class Stream implements AutoCloseable {
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private volatile boolean closed;
        volatile CompletableFuture<?> done;

        @Override
        public void close() {
            closed = true;
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }

        public boolean closed() {
            return closed;
        }
    }

    /** Follows a conversation over SSE; every event's data (a conversation line, JSON) goes to {@code lines}. */
    public Stream follow(Channel channel, String conversationId, java.util.function.Consumer<JsonNode> lines) {
        Stream stream = new Stream();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/" + channel.id()
                        + "/conversations/" + conversationId + "/events"))
                .header("Authorization", "Bearer " + channel.apiKey()).header("Accept", "text/event-stream").GET()
                .build();
        SseParser parser = new SseParser(event -> {
            try {
                lines.accept(mapper.readTree(event.data()));
            } catch (IOException e) {
                // a malformed event is not a reply; the verification pass will see what the conversation holds
            }
        });
        Flow.Subscriber<String> subscriber = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                stream.subscription.set(s);
                if (stream.closed) {
                    s.cancel();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(String line) {
                parser.line(line);
            }

            @Override
            public void onError(Throwable throwable) {
                // the stream ended (closed by us, or the server went away): the turn timeouts account for it
            }

            @Override
            public void onComplete() {
            }
        };
        stream.done = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        return stream;
    }

    /** The whole conversation as the pull API shows it (the verification pass). */
    public List<JsonNode> conversation(Channel channel, String conversationId) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/" + channel.id()
                        + "/conversations/" + conversationId + "/messages"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + channel.apiKey()).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("reading conversation " + conversationId + " answered " + response.statusCode());
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        mapper.readTree(response.body()).path("messages").forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
