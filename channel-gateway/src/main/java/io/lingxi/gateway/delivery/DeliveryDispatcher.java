package io.lingxi.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.QuickReply;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.domain.Delivery;
import io.lingxi.gateway.messaging.DeliveryReporter;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers queued replies to channels that are pushed to. Per conversation only the oldest pending reply is
 * attempted, so replies arrive in order; each channel is worked by at most one pipeline at a time and
 * channels never wait for each other, so a channel that is down holds back only its own queue, which drains
 * when it answers again. Failed attempts are retried with exponential back-off and jitter; after the last
 * one the reply is dead-lettered (status FAILED, kept in the table) and reported FAILED on
 * {@code cs.delivery.v1}. Delivery is at least once towards the integrator: a crash between its answer and
 * our bookkeeping sends the reply again with the same {@code X-Lingxi-Delivery-Id}.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final TypeReference<List<QuickReply>> QUICK_REPLIES = new TypeReference<>() {
    };
    /** Replies one channel pipeline sends before it lets the next tick look again. */
    private static final int BATCH = 200;

    private static final String HEADS = """
            SELECT d.id FROM delivery d
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND d.channel_id = $1
              AND d.id = (SELECT min(x.id) FROM delivery x
                          WHERE x.conversation_id = d.conversation_id AND x.status = 'PENDING')
            ORDER BY d.id LIMIT $2""";
    private static final String DUE_CHANNELS = """
            SELECT DISTINCT channel_id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= now()""";
    private static final String LOAD = """
            SELECT d.id, d.tenant_id, d.channel_id, d.conversation_id, d.reply_id, d.event_id, d.correlation_id,
                   d.attempts, m.sender, m.agent_id, m.language, m.text, m.quick_replies, m.in_reply_to,
                   m.created_at, m.kind, m.payload, c.customer_id,
                   (SELECT max(x.created_at) FROM message x
                    WHERE x.conversation_id = d.conversation_id AND x.sender = 'CUSTOMER') AS last_customer_at
            FROM delivery d JOIN message m ON m.id = d.message_id JOIN conversation c ON c.id = d.conversation_id
            WHERE d.id = $1 AND d.status = 'PENDING'""";
    private static final String CHANNEL = """
            SELECT id, tenant_id, type, enabled, reply_webhook_url, webhook_secret, credentials
            FROM channel WHERE id = $1""";

    private final Pool pool;
    private final WebhookTransport webhook;
    private final WechatTransport wechat;
    private final DeliveryReporter reporter;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final ChannelService channels;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** Channels woken while their pipeline ran: it looks again once done. */
    private final Set<String> woken = ConcurrentHashMap.newKeySet();

    public DeliveryDispatcher(Pool pool, WebhookTransport webhook, WechatTransport wechat, DeliveryReporter reporter,
            GatewayConfig config, ObjectMapper mapper, ChannelService channels) {
        this.pool = pool;
        this.webhook = webhook;
        this.wechat = wechat;
        this.reporter = reporter;
        this.config = config;
        this.mapper = mapper;
        this.channels = channels;
    }

    /** Starts a pipeline for every channel with due replies that has none running; does not wait for them. */
    @Scheduled(every = "${lingxi.gateway.delivery.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return pool.preparedQuery(DUE_CHANNELS).execute()
                .invoke(rows -> {
                    for (Row row : rows) {
                        start(row.getString(0));
                    }
                })
                .call(this::reportUnreported)
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("Delivery tick failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Starts the channel's pipeline now (a reply of it was just committed here) instead of at the next tick; if a
     * pipeline is running, it looks again when it is done, so the new reply does not wait for the tick either.
     */
    public void wake(String channelId) {
        woken.add(channelId);
        start(channelId);
    }

    private void start(String channelId) {
        if (!busy.add(channelId)) {
            return;
        }
        woken.remove(channelId);
        drain(channelId).subscribe().with(done -> finished(channelId), failure -> {
            Log.warnf("Delivery to channel %s stopped: %s", channelId, failure.getMessage());
            finished(channelId);
        });
    }

    private void finished(String channelId) {
        busy.remove(channelId);
        if (woken.remove(channelId)) {
            start(channelId);
        }
    }

    /** Delivers the channel's due heads one after the other, then looks again while it makes progress. */
    private Uni<Void> drain(String channelId) {
        return pool.preparedQuery(HEADS).execute(Tuple.of(channelId, BATCH))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return channel(channelId).flatMap(target -> Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(id -> attempt(target, id))
                            .collect().asList())
                            .flatMap(outcomes -> outcomes.contains(Attempt.Outcome.DELIVERED)
                                    || outcomes.contains(Attempt.Outcome.GIVE_UP) ? drain(channelId)
                                    : Uni.createFrom().voidItem());
                });
    }

    private Uni<Attempt.Outcome> attempt(ChannelTarget target, long deliveryId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(deliveryId)).flatMap(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Attempt.Outcome.RETRY);
            }
            Row row = rows.iterator().next();
            Outgoing reply = outgoing(target, row);
            return transport(target, reply)
                    .onFailure().recoverWithItem(e -> Attempt.retry("delivery failed: " + e.getMessage()))
                    .flatMap(result -> record(row, reply, result).replaceWith(result.outcome()));
        });
    }

    private Uni<Attempt> transport(ChannelTarget target, Outgoing reply) {
        if (target == null) {
            return Uni.createFrom().item(Attempt.giveUp("the channel no longer exists"));
        }
        if (!target.enabled()) {
            return Uni.createFrom().item(Attempt.retry("the channel is disabled"));
        }
        if (target.webhookUrl() != null) {
            return webhook.send(target, reply);
        }
        if (target.type() != null && target.type().isWechat()) {
            return wechat.send(target, reply);
        }
        return Uni.createFrom().item(Attempt.giveUp("the channel has no webhook URL any more"));
    }

    private Uni<Void> record(Row row, Outgoing reply, Attempt result) {
        int attempts = row.getInteger("attempts") + 1;
        Instant now = Instant.now();
        if (result.outcome() == Attempt.Outcome.RETRY && attempts < config.delivery().maxAttempts()) {
            Instant next = now.plus(backoff(attempts));
            Log.debugf("Reply %s to channel %s: attempt %d failed (%s); next at %s", reply.replyId(),
                    reply.channelId(), attempts, result.error(), next);
            return pool.preparedQuery("UPDATE delivery SET attempts = $2, next_attempt_at = $3, last_error = $4 "
                    + "WHERE id = $1 AND status = 'PENDING'")
                    .execute(Tuple.of(reply.deliveryId(), attempts, at(next), truncate(result.error())))
                    .replaceWithVoid();
        }
        String status = result.outcome() == Attempt.Outcome.DELIVERED ? Delivery.DELIVERED : Delivery.FAILED;
        if (status.equals(Delivery.FAILED)) {
            Log.warnf("Reply %s to channel %s dead-lettered after %d attempts: %s", reply.replyId(),
                    reply.channelId(), attempts, result.error());
        }
        // a transfer instruction is no reply: cs.delivery.v1 does not hear of it
        return pool.preparedQuery("UPDATE delivery SET status = $2, attempts = $3, finished_at = $4, last_error = $5, "
                + "reported = $6 WHERE id = $1 AND status = 'PENDING'")
                .execute(Tuple.of(reply.deliveryId(), status, attempts, at(now), truncate(result.error()),
                        reply.transfer()))
                .flatMap(updated -> updated.rowCount() == 0 || reply.transfer() ? Uni.createFrom().voidItem()
                        : report(row.getString("event_id"), row.getString("correlation_id"), reply.deliveryId(),
                                new ReplyDelivery(reply.replyId(), reply.tenantId(), reply.channelId(),
                                        reply.conversationId(), ReplyDelivery.Status.valueOf(status), attempts,
                                        result.error(), now)));
    }

    private Uni<Void> report(String eventId, String correlationId, long deliveryId, ReplyDelivery outcome) {
        return reporter.report(eventId, correlationId, outcome)
                .call(() -> pool.preparedQuery("UPDATE delivery SET reported = TRUE WHERE id = $1")
                        .execute(Tuple.of(deliveryId)))
                .onFailure().invoke(e -> Log.warnf("Reporting delivery of %s failed; will retry: %s",
                        outcome.replyId(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reports outcomes whose report did not reach the broker (broker away, crash), under the same event id. */
    private Uni<Void> reportUnreported() {
        return pool.preparedQuery("SELECT id, tenant_id, channel_id, conversation_id, reply_id, event_id, "
                + "correlation_id, status, attempts, last_error, finished_at FROM delivery "
                + "WHERE status <> 'PENDING' AND reported = FALSE AND finished_at < $1 ORDER BY id LIMIT 100")
                .execute(Tuple.of(at(Instant.now().minusSeconds(5))))
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> report(row.getString("event_id"),
                                row.getString("correlation_id"), row.getLong("id"),
                                new ReplyDelivery(row.getString("reply_id"), row.getString("tenant_id"),
                                        row.getString("channel_id"), row.getString("conversation_id"),
                                        ReplyDelivery.Status.valueOf(row.getString("status")),
                                        row.getInteger("attempts"), row.getString("last_error"),
                                        row.getOffsetDateTime("finished_at").toInstant())))
                        .collect().last().replaceWithVoid());
    }

    /** first × 2^(attempts−1), at most max, then scaled by a random factor in [0.5, 1) so retries spread out. */
    Duration backoff(int attempts) {
        long first = config.delivery().firstBackoff().toMillis();
        long max = config.delivery().maxBackoff().toMillis();
        long exponential = attempts >= 31 ? max : Math.min(max, first << (attempts - 1));
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (exponential * jitter)));
    }

    private Uni<ChannelTarget> channel(String channelId) {
        return pool.preparedQuery(CHANNEL).execute(Tuple.of(channelId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row row = rows.iterator().next();
            String id = row.getString("id");
            return new ChannelTarget(id, row.getString("tenant_id"),
                    ChannelType.of(row.getString("type")), row.getBoolean("enabled"),
                    row.getString("reply_webhook_url"), channels.webhookSecret(id, row.getString("webhook_secret")),
                    channels.credentials(id, row.getString("credentials")));
        });
    }

    private Outgoing outgoing(ChannelTarget target, Row row) {
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        OffsetDateTime lastCustomer = row.getOffsetDateTime("last_customer_at");
        return new Outgoing(row.getLong("id"), row.getString("reply_id"), row.getString("tenant_id"),
                row.getString("channel_id"), target == null ? null : target.type(), row.getString("conversation_id"),
                row.getString("customer_id"), row.getString("sender"), row.getString("agent_id"),
                row.getString("language"), row.getString("text"), quickReplies(row.getString("quick_replies")),
                row.getString("in_reply_to"), created == null ? null : created.toInstant(),
                lastCustomer == null ? null : lastCustomer.toInstant(), row.getInteger("attempts") + 1,
                row.getString("kind"), row.getString("payload"));
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

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    /** The dead letters of a tenant's channel, newest first, for the admin API. */
    public Uni<List<Map<String, Object>>> failed(String channelId, int limit) {
        return pool.preparedQuery("SELECT reply_id, conversation_id, attempts, last_error, finished_at FROM delivery "
                + "WHERE channel_id = $1 AND status = 'FAILED' ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(channelId, limit))
                .map(DeliveryDispatcher::rows);
    }

    /** Puts a dead-lettered reply back in its channel's queue. */
    public Uni<Boolean> retry(String channelId, String replyId) {
        return pool.preparedQuery("UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), "
                + "reported = FALSE, finished_at = NULL WHERE channel_id = $1 AND reply_id = $2 AND status = 'FAILED'")
                .execute(Tuple.of(channelId, replyId)).map(r -> r.rowCount() == 1);
    }

    private static List<Map<String, Object>> rows(RowSet<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("replyId", row.getString("reply_id"));
            line.put("conversationId", row.getString("conversation_id"));
            line.put("attempts", row.getInteger("attempts"));
            line.put("error", row.getString("last_error"));
            OffsetDateTime finished = row.getOffsetDateTime("finished_at");
            line.put("failedAt", finished == null ? null : finished.toInstant().toString());
            out.add(line);
        }
        return out;
    }
}
