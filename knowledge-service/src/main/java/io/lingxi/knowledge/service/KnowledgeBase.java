package io.lingxi.knowledge.service;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.AnswerPolicy;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.search.SearchBackend;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Answers questions from each tenant's published, currently valid entries through the {@link SearchBackend},
 * deciding with the tenant's thresholds. Search runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class KnowledgeBase {

    private final SearchBackend backend;
    private final IndexSynchronizer synchronizer;
    private final AnswerPolicy policy;
    private final int candidates;

    private final UnansweredQuestions unanswered;

    public KnowledgeBase(SearchBackend backend, IndexSynchronizer synchronizer, KnowledgeConfig config,
            UnansweredQuestions unanswered) {
        this.backend = backend;
        this.synchronizer = synchronizer;
        this.unanswered = unanswered;
        this.policy = new AnswerPolicy(config.ambiguityMargin(), config.maxSuggestions());
        this.candidates = config.maxSuggestions() + 1;
    }

    /** Matches {@code query} against the servable entries of {@code tenantId} only (not logged for hot topics). */
    public Uni<Match> search(String tenantId, String query, int limit) {
        return search(tenantId, query, limit, null);
    }

    /**
     * Matches {@code query} against the servable entries of {@code tenantId} only; when {@code source} is given
     * ({@code bot}, {@code search}) a question that is not answered is logged for hot topics.
     */
    public Uni<Match> search(String tenantId, String query, int limit, String source) {
        return search(tenantId, query, limit, source, null);
    }

    /**
     * As {@link #search(String, String, int, String)}, for a question that came as an event: {@code eventId} (its
     * {@code ce_id}) makes the hot-topic log idempotent, so a redelivered event is counted once.
     */
    public Uni<Match> search(String tenantId, String query, int limit, String source, String eventId) {
        return synchronizer.ensureSynced(tenantId)
                .chain(() -> Uni.createFrom().item(() -> {
                            Match match = policy.decide(
                                    backend.search(tenantId, query, Instant.now(), Math.max(limit, candidates)),
                                    synchronizer.thresholds(tenantId), limit);
                            if (source != null) {
                                unanswered.record(tenantId, query, match, source, eventId);
                            }
                            return match;
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
