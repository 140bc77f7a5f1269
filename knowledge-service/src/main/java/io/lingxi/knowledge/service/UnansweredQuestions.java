package io.lingxi.knowledge.service;

import io.agroal.api.AgroalDataSource;
import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.domain.PersonalData;
import io.lingxi.knowledge.domain.TopicClustering;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The log of questions the knowledge base did not answer (UNANSWERED) or only guessed at (SUGGESTED), per tenant,
 * with phone numbers and e-mail addresses masked. Recording never slows a search down: questions wait in a bounded
 * queue (dropped, with a warning, when it is full) and are written in batches every second over JDBC on a worker
 * thread. A question of the bot carries its query event's id, recorded under a unique key: a redelivered event is
 * counted once.
 */
@ApplicationScoped
public class UnansweredQuestions {

    static final int QUEUE_LIMIT = 10_000;
    static final int MAX_ROWS = 20_000;

    record Pending(String tenantId, String question, String decision, double bestScore, String source,
            String eventId, Instant askedAt) {
    }

    private final AgroalDataSource dataSource;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public UnansweredQuestions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues the question when the decision was not a direct answer. */
    public void record(String tenantId, String question, Match match, String source) {
        record(tenantId, question, match, source, null);
    }

    /** As {@link #record(String, String, Match, String)}; {@code eventId} (null for none) is recorded only once. */
    public void record(String tenantId, String question, Match match, String source, String eventId) {
        if (match.decision() == Decision.ANSWERED || question == null || question.isBlank()) {
            return;
        }
        if (size.incrementAndGet() > QUEUE_LIMIT) {
            size.decrementAndGet();
            Log.warn("unanswered-question queue full: a question is not recorded for hot topics");
            return;
        }
        double best = match.hits().isEmpty() ? 0 : match.hits().get(0).score();
        pending.add(new Pending(tenantId, PersonalData.mask(question.strip()), match.decision().name(), best, source,
                eventId, Instant.now()));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < 1000 && (p = pending.poll()) != null) {
            batch.add(p);
            size.decrementAndGet();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO unanswered_question "
                        + "(tenant_id, question, decision, best_score, source, event_id, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (tenant_id, event_id) DO NOTHING")) {
            for (Pending q : batch) {
                insert.setString(1, q.tenantId());
                insert.setString(2, q.question());
                insert.setString(3, q.decision());
                insert.setDouble(4, q.bestScore());
                insert.setString(5, q.source());
                insert.setString(6, q.eventId());
                insert.setTimestamp(7, Timestamp.from(q.askedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            Log.warnf(e, "could not record %d unanswered questions", batch.size());
        }
    }

    /** The tenant's recorded questions asked in [from, to), newest first, at most {@link #MAX_ROWS}. */
    public List<TopicClustering.Asked> between(String tenantId, Instant from, Instant to) {
        List<TopicClustering.Asked> asked = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT question, asked_at FROM "
                        + "unanswered_question WHERE tenant_id = ? AND asked_at >= ? AND asked_at < ? "
                        + "ORDER BY asked_at DESC LIMIT " + MAX_ROWS)) {
            select.setString(1, tenantId);
            select.setTimestamp(2, Timestamp.from(from));
            select.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    asked.add(new TopicClustering.Asked(rows.getString(1), rows.getTimestamp(2).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the unanswered questions", e);
        }
        return asked;
    }
}
