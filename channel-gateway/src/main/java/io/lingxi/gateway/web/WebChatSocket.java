package io.lingxi.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lingxi.gateway.api.ConversationFeed;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.api.ProblemException;
import io.lingxi.gateway.api.PostMessageRequest;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.service.ConversationSignals;
import io.lingxi.gateway.service.InboundMessage;
import io.lingxi.gateway.service.InboundMessageService;
import io.lingxi.gateway.service.RateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web chat's live connection: {@code /ws/web/{channelId}?token=<visitor token>&after=<last seq seen>}.
 * On open the visitor gets every line after {@code after} (history on reload, resume after a reconnect), then
 * new lines as they come, each once and in order ({@code seq}). The visitor sends
 * {@code {"type":"text"|"quick_reply"|"satisfaction", "id", "text"|"payload"|"value"}} and gets an {@code ack}.
 */
@WebSocket(path = "/ws/web/{channelId}")
public class WebChatSocket {

    private record Session(Channel channel, String visitorId, AtomicLong lastSeq, long timerId, AtomicBoolean busy,
            AtomicBoolean again, String[] conversation, AutoCloseable[] listening) {
    }

    private final ChannelService channels;
    private final VisitorTokens tokens;
    private final InboundMessageService inbound;
    private final RateLimiter limiter;
    private final ConversationFeed feed;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final ConversationSignals signals;
    private final GatewayConfig config;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public WebChatSocket(ChannelService channels, VisitorTokens tokens, InboundMessageService inbound,
            RateLimiter limiter, ConversationFeed feed, ObjectMapper mapper, Vertx vertx, ConversationSignals signals,
            GatewayConfig config) {
        this.channels = channels;
        this.tokens = tokens;
        this.inbound = inbound;
        this.limiter = limiter;
        this.feed = feed;
        this.mapper = mapper;
        this.vertx = vertx;
        this.signals = signals;
        this.config = config;
    }

    @OnOpen
    @Blocking
    public void open(WebSocketConnection connection) throws Throwable {
        String channelId = connection.pathParam("channelId");
        Map<String, String> query = query(connection.handshakeRequest().query());
        Channel channel = VertxContextSupport.subscribeAndAwait(() -> channels.find(channelId));
        String origin = connection.handshakeRequest().header("Origin");
        String host = connection.handshakeRequest().header("Host");
        if (channel != null && !channel.allowsOrigin(origin, host)) {
            connection.sendTextAndAwait(error(null, 403, "Pages of " + origin + " may not embed this channel."));
            connection.close(new CloseReason(4403, "origin not allowed")).await().indefinitely();
            return;
        }
        String visitorId = channel == null || !channel.enabled || channel.channelType() != ChannelType.WEB ? null
                : tokens.verify(channelId, query.get("token"));
        if (visitorId == null) {
            connection.sendTextAndAwait(error(null, 401, "The visitor token is not valid for this channel."));
            connection.close(new CloseReason(4401, "unauthorized")).await().indefinitely();
            return;
        }
        long after = parseLong(query.get("after"));
        String[] conversation = new String[1];
        AtomicBoolean busy = new AtomicBoolean();
        AtomicLong lastSeq = new AtomicLong(after);
        // new lines come by signal (committed on this replica); the slow poll finds those stored by another one
        long timer = vertx.setPeriodic(1, config.streams().fallbackPoll().toMillis(), id -> push(connection));
        sessions.put(connection.id(), new Session(channel, visitorId, lastSeq, timer, busy, new AtomicBoolean(),
                conversation, new AutoCloseable[1]));
        connection.sendTextAndAwait(json(Map.of("type", "ready", "visitorId", visitorId)));
    }

    @OnTextMessage
    @Blocking
    public void message(WebSocketConnection connection, String text) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        String id = null;
        try {
            JsonNode message = mapper.readTree(text);
            id = message.path("id").asText(null);
            InboundMessage inboundMessage = toInbound(session, message);
            RateLimiter.Refusal refusal = VertxContextSupport.subscribeAndAwait(() -> limiter.acquire(
                    new RateLimiter.Limit("channel:" + session.channel().id, channels.channelRate(session.channel())),
                    new RateLimiter.Limit("customer:" + session.channel().id + ":" + session.visitorId(),
                            channels.customerRate(session.channel()))));
            if (refusal != null) {
                connection.sendTextAndAwait(error(id, 429, "Too many messages; retry after "
                        + refusal.retryAfterSeconds() + " s."));
                return;
            }
            var accepted = VertxContextSupport.subscribeAndAwait(() -> inbound.accept(session.channel(), inboundMessage));
            follow(connection, session, accepted.conversationId());
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("type", "ack");
            ack.put("id", id);
            ack.put("conversationId", accepted.conversationId());
            ack.put("duplicate", accepted.duplicate());
            connection.sendTextAndAwait(json(ack));
            push(connection);
        } catch (ProblemException e) {
            connection.sendTextAndAwait(error(id, e.status(), e.getMessage()));
        } catch (Throwable e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                connection.sendTextAndAwait(error(id, 400, "The message is not JSON."));
                return;
            }
            Log.warnf(e, "Web chat message of visitor %s failed", session.visitorId());
            connection.sendTextAndAwait(error(id, 503, "The message could not be taken yet; send it again."));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session != null) {
            vertx.cancelTimer(session.timerId());
            stopListening(session);
        }
    }

    /**
     * Sends the lines after the last one sent; one push at a time per connection keeps them in order, and a push
     * asked for while one runs is done right after it, so no signal is lost.
     */
    private void push(WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        session.again().set(true);
        if (!session.busy().compareAndSet(false, true)) {
            return;
        }
        session.again().set(false);
        var conversation = session.conversation()[0] != null
                ? io.smallrye.mutiny.Uni.createFrom().item(session.conversation()[0])
                : feed.latestConversation(session.channel().id, session.visitorId());
        conversation
                .flatMap(conversationId -> {
                    if (conversationId == null) {
                        return io.smallrye.mutiny.Uni.createFrom().<Integer>item(0);
                    }
                    follow(connection, session, conversationId);
                    return feed.after(conversationId, session.lastSeq().get(), ChannelType.WEB)
                            .flatMap(lines -> {
                                io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
                                for (var line : lines) {
                                    ObjectNode event = mapper.createObjectNode();
                                    event.put("type", "message");
                                    event.put("conversationId", conversationId);
                                    event.set("line", mapper.valueToTree(line));
                                    chain = chain.chain(() -> connection.sendText(event.toString()))
                                            .invoke(() -> session.lastSeq().set(line.seq()));
                                }
                                return chain.replaceWith(lines.size());
                            });
                })
                .subscribe().with(sent -> {
                    session.busy().set(false);
                    if (sent >= ConversationFeed.PAGE || session.again().get()) {
                        push(connection);
                    }
                }, failure -> {
                    session.busy().set(false);
                    Log.debugf("Web chat push failed: %s", failure.getMessage());
                });
    }

    /** Listens for the signals of the visitor's conversation (the latest one; a new conversation replaces it). */
    private void follow(WebSocketConnection connection, Session session, String conversationId) {
        synchronized (session) {
            if (conversationId.equals(session.conversation()[0]) && session.listening()[0] != null) {
                return;
            }
            stopListening(session);
            session.conversation()[0] = conversationId;
            if (sessions.containsKey(connection.id())) {
                session.listening()[0] = signals.listen(conversationId, () -> push(connection));
            }
        }
    }

    private static void stopListening(Session session) {
        synchronized (session) {
            if (session.listening()[0] != null) {
                try {
                    session.listening()[0].close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                session.listening()[0] = null;
            }
        }
    }

    private static InboundMessage toInbound(Session session, JsonNode message) {
        String id = message.path("id").asText("");
        if (!id.matches("[\\x21-\\x7E]{1,100}")) {
            throw ProblemException.invalid("id", "must be 1-100 printable ASCII characters");
        }
        String messageId = "web-" + id;
        String type = message.path("type").asText("text");
        Map<String, Object> payload = new LinkedHashMap<>();
        switch (type) {
            case "text" -> {
                String text = message.path("text").asText("").strip();
                if (text.isEmpty() || text.length() > PostMessageRequest.MAX_TEXT_LENGTH) {
                    throw ProblemException.invalid("text", "must be 1 to 2000 characters");
                }
                return new InboundMessage(messageId, session.visitorId(), "text", text, payload, true, null);
            }
            case "quick_reply" -> {
                String value = message.path("payload").asText("").strip();
                if (value.isEmpty() || value.length() > 500) {
                    throw ProblemException.invalid("payload", "must be the quick reply's payload");
                }
                payload.put("event", "quick_reply");
                payload.put("value", value);
                return new InboundMessage(messageId, session.visitorId(), "event", value, payload, true, null);
            }
            case "satisfaction" -> {
                String value = message.path("value").asText("");
                if (!value.matches("[1-5]")) {
                    throw ProblemException.invalid("value", "must be a score from 1 to 5");
                }
                payload.put("event", "satisfaction");
                payload.put("value", value);
                return new InboundMessage(messageId, session.visitorId(), "event", "[满意度] " + value, payload, false,
                        null);
            }
            default -> throw ProblemException.invalid("type", "must be text, quick_reply or satisfaction");
        }
    }

    private String error(String id, int status, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("id", id);
        error.put("status", status);
        error.put("detail", detail);
        return json(error);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
