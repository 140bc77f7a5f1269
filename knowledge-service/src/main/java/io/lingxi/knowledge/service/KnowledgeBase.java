package io.lingxi.knowledge.service;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.FaqEntry;
import io.lingxi.knowledge.domain.FaqIndex;
import io.lingxi.knowledge.domain.FaqMatcher;
import io.lingxi.knowledge.domain.Match;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers questions from each tenant's published FAQ entries. A tenant's entries are loaded from PostgreSQL on
 * its first question, kept in memory as a ready-to-match {@link FaqIndex}, and reloaded in the background
 * every {@code lingxi.knowledge.refresh-every}: a question costs no database round trip. Edits therefore show
 * up within one refresh period; expiry is checked on every question.
 */
@ApplicationScoped
public class KnowledgeBase {

    /** The cached index of one tenant; {@code lastUsed} lets idle tenants be evicted. */
    private static final class Cached {
        final FaqIndex index;
        volatile Instant lastUsed;

        Cached(FaqIndex index, Instant lastUsed) {
            this.index = index;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<String, Cached> tenants = new ConcurrentHashMap<>();
    private final FaqMatcher matcher;
    private final KnowledgeConfig config;

    public KnowledgeBase(KnowledgeConfig config) {
        this.config = config;
        this.matcher = new FaqMatcher(config.answerThreshold(), config.suggestThreshold(), config.ambiguityMargin(),
                config.maxSuggestions());
    }

    /** Matches {@code query} against the servable entries of {@code tenantId} only. */
    public Uni<Match> search(String tenantId, String query, int limit) {
        return index(tenantId).map(index -> matcher.match(query, index, Instant.now(), limit));
    }

    private Uni<FaqIndex> index(String tenantId) {
        Cached cached = tenants.get(tenantId);
        if (cached != null) {
            cached.lastUsed = Instant.now();
            return Uni.createFrom().item(cached.index);
        }
        // Two first questions of a tenant at once may both load it; the second load simply wins.
        return load(tenantId).invoke(index -> tenants.put(tenantId, new Cached(index, Instant.now())));
    }

    private Uni<FaqIndex> load(String tenantId) {
        return Panache.withSession(() -> FaqEntry.listPublished(tenantId, Instant.now()))
                .map(rows -> {
                    List<Faq> faqs = rows.stream().map(FaqEntry::toFaq).toList();
                    Log.debugf("Loaded %d published FAQ entries of tenant %s", faqs.size(), tenantId);
                    return FaqIndex.of(faqs);
                });
    }

    /** Reloads every cached tenant; keeps the old entries when a reload fails, drops tenants nobody asks about. */
    @Scheduled(every = "${lingxi.knowledge.refresh-every:30s}", delayed = "${lingxi.knowledge.refresh-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Instant idleSince = Instant.now().minus(config.evictAfter());
        return Multi.createFrom().iterable(List.copyOf(tenants.keySet()))
                .onItem().transformToUniAndConcatenate(tenantId -> {
                    Cached cached = tenants.get(tenantId);
                    if (cached == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (cached.lastUsed.isBefore(idleSince)) {
                        tenants.remove(tenantId, cached);
                        return Uni.createFrom().voidItem();
                    }
                    return load(tenantId)
                            .invoke(index -> tenants.replace(tenantId, cached, new Cached(index, cached.lastUsed)))
                            .onFailure().invoke(e -> Log.warnf("Could not reload the FAQ of tenant %s, keeping the "
                                    + "cached entries: %s", tenantId, e.getMessage()))
                            .onFailure().recoverWithNull()
                            .replaceWithVoid();
                })
                .collect().last()
                .replaceWithVoid();
    }
}
