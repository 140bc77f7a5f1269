package io.lingxi.handoff.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.service.AgentDirectory;
import io.lingxi.handoff.service.ConversationDesk;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The agent console's live channel. The agent's token comes as query parameter {@code token} (browsers cannot set
 * headers on a WebSocket). Server → console: {@code ready}, {@code changed}, {@code line}, {@code sent},
 * {@code error}. Console → server: {@code {"type":"send","conversationId":…,"text":…}} and {@code ping}.
 * When an agent's last console closes, the disconnect grace period starts.
 */
@WebSocket(path = "/api/v1/handoff/console/ws")
public class ConsoleSocket {

    private final ConsoleHub hub;
    private final JWTParser parser;
    private final AgentDirectory directory;
    private final ConversationDesk desk;
    private final ObjectMapper mapper;

    public ConsoleSocket(ConsoleHub hub, JWTParser parser, AgentDirectory directory, ConversationDesk desk,
            ObjectMapper mapper) {
        this.hub = hub;
        this.parser = parser;
        this.directory = directory;
        this.desk = desk;
        this.mapper = mapper;
    }

    @OnOpen
    public Uni<String> open(WebSocketConnection connection) {
        JsonWebToken token;
        try {
            token = parser.parse(queryParam(connection.handshakeRequest().query(), "token"));
        } catch (ParseException | RuntimeException e) {
            return connection.sendText(error(401, "Send a valid agent token as ?token=…")).chain(() -> connection.close())
                    .replaceWith((String) null);
        }
        Object claim = token.getClaim("tenant");
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || token.getGroups() == null || !token.getGroups().contains("agent")) {
            return connection.sendText(error(403, "Only agents have a console.")).chain(() -> connection.close())
                    .replaceWith((String) null);
        }
        boolean supervisor = token.getGroups().contains("supervisor");
        hub.register(new ConsoleHub.Session(connection, tenant, token.getSubject(), supervisor));
        return directory.connected(tenant, token.getSubject())
                .replaceWith(json(Map.of("type", "ready", "agentId", token.getSubject(), "supervisor", supervisor)));
    }

    @OnTextMessage
    public Uni<String> message(String text, WebSocketConnection connection) {
        ConsoleHub.Session session = hub.session(connection);
        if (session == null) {
            return Uni.createFrom().item(error(401, "Not authenticated."));
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            return Uni.createFrom().item(error(400, "The message is not JSON."));
        }
        String type = message.path("type").asText("");
        if ("ping".equals(type)) {
            return Uni.createFrom().item(json(Map.of("type", "pong")));
        }
        if (!"send".equals(type)) {
            return Uni.createFrom().item(error(400, "Unknown message type '" + type + "'."));
        }
        String conversationId = message.path("conversationId").asText(null);
        return Uni.createFrom().deferred(() -> desk.send(new ConversationDesk.Caller(session.tenantId(),
                session.agentId(), session.supervisor()), conversationId, message.path("text").asText(null)))
                .map(line -> json(Map.of("type", "sent", "conversationId", conversationId, "line",
                        ConsoleHub.LineView.of(line))))
                .onFailure(ProblemException.class).recoverWithItem(e -> error(((ProblemException) e).status(),
                        e.getMessage()))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Console message failed: %s", e.getMessage());
                    return error(500, "Could not send; please retry.");
                });
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        ConsoleHub.Session session = hub.session(connection);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        boolean last = hub.unregister(connection);
        return last ? directory.disconnected(session.tenantId(), session.agentId()) : Uni.createFrom().voidItem();
    }

    private String error(int status, String detail) {
        return json(Map.of("type", "error", "status", status, "detail", detail));
    }

    private String json(Object value) {
        return EventJson.write(mapper, value);
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
