package io.lingxi.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.QuickReply;
import io.lingxi.contracts.events.Sender;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.domain.SpeechText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines of a conversation after a sequence number, as channels see them; read straight from the pool so
 * streams (SSE, WebSocket) can poll from any thread.
 */
@ApplicationScoped
public class ConversationFeed {

    /** Lines one read returns at most. */
    public static final int PAGE = 100;

    private static final TypeReference<List<QuickReply>> QUICK_REPLIES = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public ConversationFeed(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<List<ConversationView.Line>> after(String conversationId, long seq, ChannelType type) {
        return pool.preparedQuery("SELECT id, external_id, sender, text, language, quick_replies, in_reply_to, "
                        + "created_at, kind, payload FROM message WHERE conversation_id = $1 AND id > $2 ORDER BY id "
                        + "LIMIT $3")
                .execute(Tuple.of(conversationId, seq, PAGE))
                .map(rows -> {
                    List<ConversationView.Line> out = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime created = row.getOffsetDateTime("created_at");
                        out.add(line(row.getLong("id"), row.getString("external_id"),
                                Sender.valueOf(row.getString("sender")), row.getString("text"),
                                row.getString("language"), row.getString("quick_replies"), row.getString("in_reply_to"),
                                created == null ? null : created.toInstant(), row.getString("kind"),
                                row.getString("payload"), type));
                    }
                    return out;
                });
    }

    /** The latest conversation of a channel's customer, or null. */
    public Uni<String> latestConversation(String channelId, String customerId) {
        return pool.preparedQuery("SELECT id FROM conversation WHERE channel_id = $1 AND customer_id = $2 "
                        + "ORDER BY started_at DESC LIMIT 1")
                .execute(Tuple.of(channelId, customerId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    ConversationView.Line line(Long seq, String id, Sender sender, String text, String language,
            String quickRepliesJson, String inReplyTo, Instant createdAt, String kind, String payload,
            ChannelType type) {
        List<QuickReply> quickReplies = quickReplies(quickRepliesJson);
        boolean spoken = type == ChannelType.PHONE && sender != Sender.CUSTOMER;
        return new ConversationView.Line(id, sender.name().toLowerCase(Locale.ROOT), text, language,
                spoken ? List.of() : quickReplies, inReplyTo, createdAt, "text".equals(kind) ? null : kind,
                json(payload), spoken ? SpeechText.shape(text, quickReplies, language) : null, seq);
    }

    private JsonNode json(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }

    private List<QuickReply> quickReplies(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, QUICK_REPLIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored quick replies are not JSON", e);
        }
    }
}
