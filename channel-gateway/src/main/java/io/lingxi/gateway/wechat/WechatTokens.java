package io.lingxi.gateway.wechat;

import io.lingxi.gateway.delivery.ChannelTarget;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat access tokens per channel. Cached in memory and in the database (shared by replicas); refreshed by
 * one caller at a time: within a replica concurrent callers share one refresh, across replicas a PostgreSQL
 * advisory lock lets one replica ask WeChat while the others wait and then read its token. A token is
 * refreshed a few minutes before it expires, or at once when WeChat says it is no longer valid.
 */
@ApplicationScoped
public class WechatTokens {

    private static final Duration EARLY = Duration.ofMinutes(5);

    private record Token(String value, Instant expiresAt) {
        boolean fresh() {
            return Instant.now().isBefore(expiresAt.minus(EARLY));
        }
    }

    private final Pool pool;
    private final WechatApi api;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();
    private final Map<String, Uni<String>> refreshing = new ConcurrentHashMap<>();

    public WechatTokens(Pool pool, WechatApi api) {
        this.pool = pool;
        this.api = api;
    }

    /** A valid token of the channel. */
    public Uni<String> get(ChannelTarget channel) {
        Token cached = cache.get(channel.channelId());
        if (cached != null && cached.fresh()) {
            return Uni.createFrom().item(cached.value());
        }
        return refresh(channel, null);
    }

    /** A token other than {@code rejected}, which WeChat said is expired or invalid. */
    public Uni<String> replace(ChannelTarget channel, String rejected) {
        cache.computeIfPresent(channel.channelId(), (id, token) -> token.value().equals(rejected) ? null : token);
        Token cached = cache.get(channel.channelId());
        if (cached != null && cached.fresh()) {
            return Uni.createFrom().item(cached.value());
        }
        return refresh(channel, rejected);
    }

    private Uni<String> refresh(ChannelTarget channel, String rejected) {
        return refreshing.computeIfAbsent(channel.channelId(), id -> pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("wechat-token:" + id))
                        .flatMap(locked -> connection.preparedQuery(
                                "SELECT access_token, expires_at FROM wechat_token WHERE channel_id = $1")
                                .execute(Tuple.of(id)))
                        .flatMap(rows -> {
                            if (rows.iterator().hasNext()) {
                                Row row = rows.iterator().next();
                                Token stored = new Token(row.getString("access_token"),
                                        row.getOffsetDateTime("expires_at").toInstant());
                                if (stored.fresh() && !stored.value().equals(rejected)) {
                                    return Uni.createFrom().item(stored);
                                }
                            }
                            return api.token(channel).flatMap(answer -> {
                                Token token = parse(channel, answer);
                                return connection.preparedQuery("INSERT INTO wechat_token (channel_id, access_token, "
                                                + "expires_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id) DO UPDATE "
                                                + "SET access_token = EXCLUDED.access_token, expires_at = EXCLUDED.expires_at")
                                        .execute(Tuple.of(id, token.value(), token.expiresAt().atOffset(ZoneOffset.UTC)))
                                        .replaceWith(token);
                            });
                        }))
                .invoke(token -> cache.put(id, token))
                .map(Token::value)
                .onTermination().invoke(() -> refreshing.remove(id))
                .memoize().indefinitely());
    }

    private static Token parse(ChannelTarget channel, JsonObject answer) {
        String value = answer == null ? null : answer.getString("access_token");
        if (value == null) {
            throw new IllegalStateException("WeChat gave no access token for channel " + channel.channelId() + ": "
                    + (answer == null ? "no answer" : answer.encode()));
        }
        long expiresIn = answer.getLong("expires_in", 7200L);
        Log.infof("Refreshed the WeChat access token of channel %s (valid %d s)", channel.channelId(), expiresIn);
        return new Token(value, Instant.now().plusSeconds(expiresIn));
    }
}
