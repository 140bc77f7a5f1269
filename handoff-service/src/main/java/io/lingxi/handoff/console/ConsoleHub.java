package io.lingxi.handoff.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.handoff.domain.TranscriptLine;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open agent consoles of this instance. Pushes are hints: {@code changed} makes a console reload its lists,
 * {@code line} shows a new line of a conversation at once. A console that misses one reloads on the next.
 */
@ApplicationScoped
public class ConsoleHub {

    /** One open console. */
    public record Session(WebSocketConnection connection, String tenantId, String agentId, boolean supervisor) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    public ConsoleHub(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(Session session) {
        sessions.put(session.connection().id(), session);
    }

    /** Removes the connection; true when the agent has no other console open on this instance. */
    boolean unregister(WebSocketConnection connection) {
        Session gone = sessions.remove(connection.id());
        return gone != null && sessions.values().stream().noneMatch(s -> s.agentId().equals(gone.agentId())
                && s.tenantId().equals(gone.tenantId()));
    }

    Session session(WebSocketConnection connection) {
        return sessions.get(connection.id());
    }

    /** The tenant's queues or conversations changed. */
    public void changed(String tenantId) {
        push(tenantId, Map.of("type", "changed"));
    }

    /** A new line of a conversation of the tenant. */
    public void line(TranscriptLine line) {
        push(line.tenantId, Map.of("type", "line", "conversationId", line.conversationId, "line",
                LineView.of(line)));
    }

    private void push(String tenantId, Object message) {
        String json = EventJson.write(mapper, message);
        sessions.values().stream().filter(s -> s.tenantId().equals(tenantId)).forEach(s -> s.connection()
                .sendText(json).subscribe().with(ignored -> {
                }, e -> Log.debugf("Console push failed: %s", e.getMessage())));
    }

    /** A transcript line as consoles and the REST API show it. */
    public record LineView(String id, String sender, String agentId, String text, java.time.Instant at) {
        public static LineView of(TranscriptLine line) {
            return new LineView(line.id, line.sender, line.agentId, line.text, line.at);
        }
    }
}
