package io.lingxi.knowledge.service;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.FaqEntry;
import io.lingxi.knowledge.domain.KnowledgeSettings;
import io.lingxi.knowledge.domain.SynonymGroup;
import io.lingxi.knowledge.domain.Thresholds;
import io.lingxi.knowledge.search.SearchBackend;
import io.lingxi.knowledge.search.SynonymDictionary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the search backend in step with PostgreSQL, the source of truth. A tenant's index is rebuilt from the
 * database when it is missing or when its recorded fingerprint (entry count, latest change, sum of versions)
 * differs from the database's: at start, on the tenant's first question, and every {@code refresh-every} (which
 * also brings in changes made through another instance). Changes made through this instance are applied at once
 * by {@code KnowledgeEditor}. Synonyms and thresholds are reloaded with every check.
 */
@ApplicationScoped
public class IndexSynchronizer {

    private final SearchBackend backend;
    private final Vertx vertx;
    private final KnowledgeConfig config;
    private final Set<String> synced = ConcurrentHashMap.newKeySet();
    private final Map<String, Thresholds> thresholds = new ConcurrentHashMap<>();

    public IndexSynchronizer(SearchBackend backend, KnowledgeConfig config, Vertx vertx) {
        this.backend = backend;
        this.vertx = vertx;
        this.config = config;
    }

    /** The database state of one tenant, as far as search is concerned. */
    record TenantState(String fingerprint, List<List<String>> synonyms, Thresholds thresholds) {
    }

    /** Syncs the tenant once, then returns at once on later calls. */
    public Uni<Void> ensureSynced(String tenantId) {
        if (synced.contains(tenantId)) {
            return Uni.createFrom().voidItem();
        }
        return sync(tenantId);
    }

    /** The tenant's thresholds (its own, or the configured defaults). */
    public Thresholds thresholds(String tenantId) {
        return thresholds.computeIfAbsent(tenantId, t -> defaults());
    }

    /** Compares the tenant's index with the database and rebuilds it when they differ. */
    public Uni<Void> sync(String tenantId) {
        // the database is read on an event loop, the index touched on a worker thread
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        return Uni.createFrom().voidItem()
                .emitOn(onContext(context))
                .chain(() -> Panache.withSession(() -> state(tenantId)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(state -> {
                    thresholds.put(tenantId, state.thresholds());
                    backend.setSynonyms(tenantId, new SynonymDictionary(state.synonyms()));
                    return backend.sourceVersion(tenantId).filter(state.fingerprint()::equals).isPresent();
                })
                .emitOn(onContext(context))
                .chain(upToDate -> upToDate ? Uni.createFrom().voidItem() : rebuild(tenantId, context))
                .invoke(() -> synced.add(tenantId));
    }

    private static java.util.concurrent.Executor onContext(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }

    /** Records, after a change made here, that the index matches the database again. */
    public Uni<Void> markCurrent(String tenantId) {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        return Uni.createFrom().voidItem()
                .emitOn(onContext(context))
                .chain(() -> Panache.withSession(() -> fingerprint(tenantId)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(fingerprint -> backend.markSourceVersion(tenantId, fingerprint))
                .emitOn(onContext(context))
                .replaceWithVoid();
    }

    /** Reloads synonyms and thresholds only (after they were edited here). */
    public Uni<Void> reloadSettings(String tenantId) {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        return Uni.createFrom().voidItem()
                .emitOn(onContext(context))
                .chain(() -> Panache.withSession(() -> state(tenantId)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(state -> {
                    thresholds.put(tenantId, state.thresholds());
                    backend.setSynonyms(tenantId, new SynonymDictionary(state.synonyms()));
                })
                .emitOn(onContext(context))
                .replaceWithVoid();
    }

    private Uni<Void> rebuild(String tenantId, Context context) {
        return Panache.withSession(() -> FaqEntry.listOfTenant(tenantId)
                        .chain(rows -> fingerprint(tenantId).map(fp -> Map.entry(fp,
                                rows.stream().map(FaqEntry::toFaq).toList()))))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(loaded -> {
                    List<Faq> faqs = loaded.getValue();
                    long start = System.nanoTime();
                    backend.replaceAll(tenantId, faqs, loaded.getKey());
                    Log.infof("Indexed %d entries of tenant %s in %d ms", faqs.size(), tenantId,
                            (System.nanoTime() - start) / 1_000_000);
                })
                .emitOn(onContext(context))
                .replaceWithVoid();
    }

    private Uni<TenantState> state(String tenantId) {
        return fingerprint(tenantId)
                .chain(fp -> SynonymGroup.<SynonymGroup>list("tenantId = ?1 order by id", tenantId)
                        .map(groups -> groups.stream().map(g -> g.terms).toList())
                        .chain(groups -> KnowledgeSettings.<KnowledgeSettings>findById(tenantId)
                                .map(s -> new TenantState(fp, groups, s == null ? defaults()
                                        : new Thresholds(s.answerThreshold, s.suggestThreshold)))));
    }

    private static Uni<String> fingerprint(String tenantId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(e), max(e.updatedAt), sum(e.version) from FaqEntry e where e.tenantId = :tenant",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .getSingleResult())
                .map(row -> row[0] + "/" + (row[1] == null ? "-" : ((Instant) row[1]).toEpochMilli()) + "/"
                        + (row[2] == null ? 0 : row[2]));
    }

    private Thresholds defaults() {
        return new Thresholds(config.answerThreshold(), config.suggestThreshold());
    }

    /** Checks every tenant of the database and every tenant asked about; the first run happens at start. */
    @Scheduled(every = "${lingxi.knowledge.refresh-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> syncAll() {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        return Uni.createFrom().voidItem()
                .emitOn(onContext(context))
                .chain(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createSelectionQuery("select distinct e.tenantId from FaqEntry e", String.class)
                        .getResultList())))
                .chain(tenants -> {
                    Set<String> all = new LinkedHashSet<>(tenants);
                    all.addAll(synced);
                    return Multi.createFrom().iterable(all)
                            .onItem().transformToUniAndConcatenate(tenant -> sync(tenant)
                                    .onFailure().invoke(e -> Log.warnf("Could not sync the index of tenant %s: %s",
                                            tenant, e.getMessage()))
                                    .onFailure().recoverWithNull())
                            .collect().last()
                            .replaceWithVoid();
                });
    }
}
