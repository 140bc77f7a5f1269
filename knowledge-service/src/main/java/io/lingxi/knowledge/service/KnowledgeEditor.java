package io.lingxi.knowledge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.knowledge.api.EntryRequest;
import io.lingxi.knowledge.api.EntryView;
import io.lingxi.knowledge.api.ProblemException;
import io.lingxi.knowledge.domain.FaqEntry;
import io.lingxi.knowledge.domain.FaqEntryVersion;
import io.lingxi.knowledge.domain.KnowledgeSettings;
import io.lingxi.knowledge.domain.SynonymGroup;
import io.lingxi.knowledge.domain.Thresholds;
import io.lingxi.knowledge.search.SearchBackend;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Editors' changes to a tenant's knowledge base: each one a transaction that also writes the entry's version
 * history, then applied to the search index at once (other instances pick it up at their next sync).
 */
@ApplicationScoped
public class KnowledgeEditor {

    private final SearchBackend backend;
    private final IndexSynchronizer synchronizer;
    private final ObjectMapper mapper;

    public KnowledgeEditor(SearchBackend backend, IndexSynchronizer synchronizer, ObjectMapper mapper) {
        this.backend = backend;
        this.synchronizer = synchronizer;
        this.mapper = mapper;
    }

    public Uni<List<FaqEntry>> list(String tenantId, String status, String category, int page, int size) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (category != null) {
            query.append(" and category = :category");
            params.put("category", category);
        }
        return Panache.withSession(() -> FaqEntry.<FaqEntry>find(query + " order by id", params)
                .page(page, size).list());
    }

    public Uni<FaqEntry> get(String tenantId, String id) {
        return Panache.withSession(() -> find(tenantId, id));
    }

    public Uni<List<FaqEntryVersion>> versions(String tenantId, String id) {
        return Panache.withSession(() -> find(tenantId, id)
                .chain(() -> FaqEntryVersion.<FaqEntryVersion>list("tenantId = ?1 and entryId = ?2 order by version",
                        tenantId, id)));
    }

    public Uni<FaqEntry> create(String tenantId, String user, EntryRequest request) {
        checkWindow(request, "");
        String id = request.id() != null ? request.id() : newId(tenantId);
        return Panache.withTransaction(() -> FaqEntry.<FaqEntry>findById(id).chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("An entry with id " + id + " already exists.");
                    }
                    FaqEntry entry = new FaqEntry();
                    entry.id = id;
                    entry.tenantId = tenantId;
                    entry.createdAt = Instant.now();
                    apply(entry, request);
                    entry.version = 1;
                    return entry.<FaqEntry>persist().call(e -> history(e, "created", user));
                }))
                .call(entry -> index(tenantId, entry));
    }

    public Uni<FaqEntry> update(String tenantId, String user, String id, EntryRequest request) {
        checkWindow(request, "");
        return Panache.withTransaction(() -> find(tenantId, id).chain(entry -> {
                    if (request.version() != null && request.version() != entry.version) {
                        throw ProblemException.conflict("Entry " + id + " is at version " + entry.version
                                + ", not " + request.version() + ": someone changed it meanwhile. Reload it and retry.");
                    }
                    apply(entry, request);
                    entry.version++;
                    return history(entry, "updated", user).replaceWith(entry);
                }))
                .call(entry -> index(tenantId, entry));
    }

    public Uni<Void> delete(String tenantId, String user, String id) {
        return Panache.withTransaction(() -> find(tenantId, id).chain(entry -> {
                    entry.version++;
                    return history(entry, "deleted", user).chain(entry::delete);
                }))
                .chain(() -> Uni.createFrom().item(() -> {
                    backend.delete(tenantId, id);
                    return id;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(() -> synchronizer.markCurrent(tenantId));
    }

    /** Search-as-you-type over every entry of the tenant, drafts included. */
    public Uni<List<io.lingxi.knowledge.domain.Faq>> lookup(String tenantId, String text, int limit) {
        return synchronizer.ensureSynced(tenantId)
                .chain(() -> Uni.createFrom().item(() -> backend.lookup(tenantId, text, limit))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    public Uni<List<FaqEntry>> all(String tenantId) {
        return Panache.withSession(() -> FaqEntry.listOfTenant(tenantId));
    }

    public Uni<List<SynonymGroup>> synonyms(String tenantId) {
        return Panache.withSession(() -> SynonymGroup.<SynonymGroup>list("tenantId = ?1 order by id", tenantId));
    }

    public Uni<SynonymGroup> saveSynonyms(String tenantId, String id, List<String> terms) {
        return Panache.withTransaction(() -> (id == null ? Uni.createFrom().<SynonymGroup>nullItem()
                        : SynonymGroup.<SynonymGroup>findById(id)).chain(existing -> {
                    if (id != null && (existing == null || !existing.tenantId.equals(tenantId))) {
                        throw ProblemException.notFound("There is no synonym group " + id + ".");
                    }
                    SynonymGroup group = existing != null ? existing : new SynonymGroup();
                    if (existing == null) {
                        group.id = tenantId.length() > 40 ? "syn-" + UUID.randomUUID()
                                : tenantId + "-syn-" + UUID.randomUUID().toString().substring(0, 12);
                        group.tenantId = tenantId;
                    }
                    group.terms = terms.stream().map(String::strip).distinct().toList();
                    group.updatedAt = Instant.now();
                    return group.<SynonymGroup>persist();
                }))
                .call(() -> synchronizer.reloadSettings(tenantId));
    }

    public Uni<Void> deleteSynonyms(String tenantId, String id) {
        return Panache.withTransaction(() -> SynonymGroup.<SynonymGroup>findById(id).chain(existing -> {
                    if (existing == null || !existing.tenantId.equals(tenantId)) {
                        throw ProblemException.notFound("There is no synonym group " + id + ".");
                    }
                    return existing.delete();
                }))
                .chain(() -> synchronizer.reloadSettings(tenantId));
    }

    public Uni<Thresholds> saveThresholds(String tenantId, Thresholds thresholds) {
        return Panache.withTransaction(() -> KnowledgeSettings.<KnowledgeSettings>findById(tenantId).chain(found -> {
                    KnowledgeSettings settings = found != null ? found : new KnowledgeSettings();
                    settings.tenantId = tenantId;
                    settings.answerThreshold = thresholds.answer();
                    settings.suggestThreshold = thresholds.suggest();
                    settings.updatedAt = Instant.now();
                    return settings.persist();
                }))
                .chain(() -> synchronizer.reloadSettings(tenantId))
                .map(ignored -> synchronizer.thresholds(tenantId));
    }

    private static Uni<FaqEntry> find(String tenantId, String id) {
        return FaqEntry.<FaqEntry>findById(id).map(entry -> {
            // another tenant's entry is answered exactly like a missing one
            if (entry == null || !entry.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("There is no entry " + id + ".");
            }
            return entry;
        });
    }

    private Uni<Void> index(String tenantId, FaqEntry entry) {
        var faq = entry.toFaq();
        return Uni.createFrom().item(() -> {
                    backend.upsert(tenantId, faq);
                    return faq;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> synchronizer.markCurrent(tenantId));
    }

    Uni<FaqEntryVersion> history(FaqEntry entry, String change, String user) {
        FaqEntryVersion version = new FaqEntryVersion();
        version.entryId = entry.id;
        version.version = entry.version;
        version.tenantId = entry.tenantId;
        version.change = change;
        version.changedBy = user;
        version.changedAt = entry.updatedAt;
        try {
            version.snapshot = mapper.writeValueAsString(EntryView.of(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return version.persist();
    }

    static void apply(FaqEntry entry, EntryRequest request) {
        entry.question = request.question().strip();
        entry.similarQuestions = request.similarQuestionsOrEmpty().stream().map(String::strip).distinct().toList();
        entry.answer = request.answer().strip();
        entry.language = request.language();
        entry.category = request.category();
        entry.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        entry.keywords = request.keywords() == null ? List.of() : List.copyOf(request.keywords());
        entry.answerVariants = request.answerVariants() == null ? Map.of() : Map.copyOf(request.answerVariants());
        entry.status = request.status() == null ? FaqEntry.DRAFT : request.status();
        entry.validFrom = request.validFrom() == null ? (entry.validFrom == null ? Instant.now() : entry.validFrom)
                : request.validFrom();
        entry.validUntil = request.validUntil();
        if (entry.validUntil != null && !entry.validUntil.isAfter(entry.validFrom)) {
            throw ProblemException.invalid("validUntil", "must be after validFrom (" + entry.validFrom + ")");
        }
        entry.updatedAt = Instant.now();
    }

    private static void checkWindow(EntryRequest request, String prefix) {
        if (request.validUntil() != null && request.validFrom() != null
                && !request.validUntil().isAfter(request.validFrom())) {
            throw ProblemException.invalid(prefix + "validUntil", "must be after validFrom");
        }
    }

    static String newId(String tenantId) {
        String prefix = tenantId.matches("[A-Za-z0-9_-]{1,40}") ? tenantId + "-" : "";
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
