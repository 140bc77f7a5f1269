package io.lingxi.knowledge.search;

import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a tenant's FAQ entries are searched. PostgreSQL stays the source of truth: a backend holds a copy that
 * {@code IndexSynchronizer} rebuilds when it is missing or stale and that every change updates. Every
 * implementation passes {@code SearchBackendContract}; analysis ({@link KnowledgeAnalysis}), synonyms
 * ({@link SynonymDictionary}) and confidence ({@link Confidence}) are shared so that backends rank alike.
 * Tenants never see each other's entries. Implementations are thread-safe; methods block (call them from worker
 * threads).
 */
public interface SearchBackend extends AutoCloseable {

    /** {@code lucene} or {@code elasticsearch}. */
    String name();

    /**
     * Replaces every entry of the tenant with {@code entries} (drafts and expired entries included: search
     * filters them) and records {@code sourceVersion}, the fingerprint of the database rows they came from.
     */
    void replaceAll(String tenantId, Collection<Faq> entries, String sourceVersion);

    /** Adds or replaces one entry; visible to the next search. */
    void upsert(String tenantId, Faq entry);

    /** Removes one entry; nothing happens when it is not there. */
    void delete(String tenantId, String entryId);

    /** The tenant's synonym groups from now on (applied to queries and confidence; no re-indexing needed). */
    void setSynonyms(String tenantId, SynonymDictionary synonyms);

    /** The fingerprint given to the last {@link #replaceAll} or {@link #markSourceVersion}; empty when none. */
    Optional<String> sourceVersion(String tenantId);

    /** Records that the index now reflects the database rows with this fingerprint (after incremental updates). */
    void markSourceVersion(String tenantId, String sourceVersion);

    /**
     * The tenant's entries servable at {@code now} that match {@code query}, best first, with a confidence in
     * [0, 1] (1 = the query is one of the entry's questions, up to stop words and synonyms); at most
     * {@code limit}, none with confidence 0.
     */
    List<Match.Hit> search(String tenantId, String query, Instant now, int limit);

    /**
     * Search-as-you-type for editors: every entry of the tenant (drafts and expired ones too) whose questions,
     * keywords or answer match {@code text}, the last word read as a prefix; best first.
     */
    List<Faq> lookup(String tenantId, String text, int limit);

    /** How many entries of the tenant the backend holds. */
    int size(String tenantId);

    @Override
    void close();
}
