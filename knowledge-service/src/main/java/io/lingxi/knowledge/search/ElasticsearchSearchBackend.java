package io.lingxi.knowledge.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Level;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.DeleteResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.IndicesStatsResponse;
import co.elastic.clients.elasticsearch.indices.stats.ShardStats;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch backend, through the official {@code elasticsearch-java} client: one index per tenant behind
 * the alias {@code <prefix>-<tenant>}; a full rebuild bulk-loads a fresh index and swaps the alias atomically, so
 * searches never see a half-built index, then drops the old one. The source fingerprint lives in the index
 * mapping's {@code _meta}.
 * <p>
 * Elasticsearch analyses the texts ({@link #indexBody}): a word-level field with the official analysis-smartcn
 * plugin's {@code smartcn_tokenizer} and a character-level sub-field, with the same stop lists and stemming as
 * {@link KnowledgeAnalysis}, so both backends retrieve alike (same fields, boosts and BM25, one shard). Synonyms stay
 * in the application: the query text is expanded with them. A cluster without the plugin is refused at index
 * creation with a message naming it. Candidates are ranked by {@link TenantEntries} (confidence), which this
 * instance keeps in memory per tenant, loaded from the index on first use.
 */
public final class ElasticsearchSearchBackend implements SearchBackend {

    static final int CANDIDATES = 20;
    static final int PAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Bumped when the mapping or analysis changes: an index made with another one is rebuilt (its
     * {@link #sourceVersion} reads as absent), whatever its fingerprint.
     */
    static final String MAPPING_VERSION = "2-smartcn";

    /** The official plugin every node of the cluster needs for the {@code smartcn_tokenizer}/{@code smartcn_stop}. */
    static final String SMARTCN_PLUGIN_HELP = "the Elasticsearch cluster has no smartcn analysis: install the official"
            + " plugin on every node (bin/elasticsearch-plugin install analysis-smartcn) and restart the nodes";

    /**
     * The index: {@code question} (standard + similar questions + keywords, NFKC + lower case as the application
     * normalises them) analysed by {@code lingxi_words} (smartcn word segmentation, smartcn's punctuation stops, the
     * knowledge base's stop words, Porter stemming: exactly {@link KnowledgeAnalysis}' word view) with the
     * sub-field {@code question.chars} analysed by {@code lingxi_chars} ({@code standard}: one token per Han
     * character, stop characters removed); {@code answer} analysed by {@code lingxi_words}.
     */
    static String indexBody(int replicas) {
        Map<String, Object> analysis = Map.of(
                "filter", Map.of("lingxi_word_stop", Map.of("type", "stop",
                        "stopwords", new java.util.TreeSet<>(KnowledgeAnalysis.WORD_STOPS))),
                "analyzer", Map.of(
                        "lingxi_words", Map.of("type", "custom", "tokenizer", "smartcn_tokenizer",
                                "filter", List.of("lowercase", "smartcn_stop", "lingxi_word_stop", "porter_stem")),
                        "lingxi_chars", Map.of("type", "standard",
                                "stopwords", new java.util.TreeSet<>(KnowledgeAnalysis.CHAR_STOPS))));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", Map.of("type", "keyword"));
        properties.put("published", Map.of("type", "boolean"));
        properties.put("validFrom", Map.of("type", "long"));
        properties.put("validUntil", Map.of("type", "long"));
        properties.put("question", Map.of("type", "text", "analyzer", "lingxi_words", "similarity", "BM25",
                "fields", Map.of("chars", Map.of("type", "text", "analyzer", "lingxi_chars", "similarity", "BM25"))));
        properties.put("answer", Map.of("type", "text", "analyzer", "lingxi_words", "similarity", "BM25"));
        properties.put("faq", Map.of("type", "object", "enabled", false));
        Map<String, Object> body = Map.of(
                "settings", Map.of("number_of_shards", 1, "number_of_replicas", replicas, "refresh_interval", "1s",
                        "analysis", analysis),
                "mappings", Map.of("dynamic", "strict",
                        "_meta", Map.of("sourceVersion", "", "mapping", MAPPING_VERSION),
                        "properties", properties));
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ElasticsearchClient client;
    private final String prefix;
    private final int replicas;
    private final KnowledgeAnalysis analysis = new KnowledgeAnalysis();
    private final Confidence confidence = new Confidence(analysis);
    private final Map<String, TenantState> tenants = new ConcurrentHashMap<>();
    private final Map<String, SynonymDictionary> synonyms = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong(System.currentTimeMillis());
    private final long recheckNanos;

    /**
     * A tenant's entries as this instance holds them, and the state of the index they reflect: the concrete index
     * and the shard's local checkpoint (every write operation, from any instance, gets the next sequence number).
     * Writes and reloads of a tenant hold its lock; searches do not.
     */
    private static final class TenantState {
        volatile TenantEntries entries;
        /** The concrete index the entries came from, and the last operation on it that they reflect. */
        volatile String index;
        volatile long checkpoint;
        final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
    }

    /**
     * @param recheckEvery how often, at most, a search checks whether the tenant's index changed (through another
     *                     instance) since this instance loaded or wrote it, and reloads it then; zero checks on every
     *                     search
     */
    public ElasticsearchSearchBackend(ElasticsearchClient client, String indexPrefix, int replicas,
            Duration recheckEvery) {
        this.client = client;
        this.prefix = indexPrefix;
        this.replicas = replicas;
        this.recheckNanos = recheckEvery.toNanos();
    }

    /** A backend talking to the node or cluster at {@code url} (e.g. {@code http://127.0.0.1:9200}). */
    public static ElasticsearchSearchBackend connect(String url, String indexPrefix, int replicas) {
        return connect(url, indexPrefix, replicas, Duration.ofSeconds(1));
    }

    public static ElasticsearchSearchBackend connect(String url, String indexPrefix, int replicas,
            Duration recheckEvery) {
        RestClient rest = RestClient.builder(HttpHost.create(url)).build();
        ElasticsearchTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper(JSON));
        return new ElasticsearchSearchBackend(new ElasticsearchClient(transport), indexPrefix, replicas,
                recheckEvery);
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    /** The alias of a tenant's index: ES index names are lower case, so other tenant ids are hex-encoded. */
    String alias(String tenantId) {
        String key = tenantId.matches("[a-z0-9_-]{1,64}") ? tenantId
                : "x-" + HexFormat.of().formatHex(tenantId.getBytes(StandardCharsets.UTF_8));
        return prefix + "-" + key;
    }

    @Override
    public void replaceAll(String tenantId, Collection<Faq> entries, String sourceVersion) {
        String alias = alias(tenantId);
        String index = alias + "-" + generation.incrementAndGet();
        TenantEntries fresh = new TenantEntries(analysis, confidence);
        SynonymDictionary dictionary = synonymsOf(tenantId);
        try {
            createIndex(index);
            List<Faq> all = List.copyOf(entries);
            long lastSeqNo = -1;
            for (int from = 0; from < all.size(); from += PAGE) {
                BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
                for (Faq faq : all.subList(from, Math.min(all.size(), from + PAGE))) {
                    bulk.operations(op -> op.index(i -> i.id(faq.id()).document(document(faq))));
                    fresh.put(faq, dictionary);
                }
                BulkResponse response = client.bulk(bulk.build());
                check(response);
                for (var item : response.items()) {
                    lastSeqNo = Math.max(lastSeqNo, item.seqNo() == null ? -1 : item.seqNo());
                }
            }
            client.indices().putMapping(m -> m.index(index).meta("sourceVersion", JsonData.of(sourceVersion))
                    .meta("mapping", JsonData.of(MAPPING_VERSION)));
            client.indices().refresh(r -> r.index(index));
            TenantState state = state(tenantId);
            List<String> previous;
            synchronized (state) {
                previous = indicesOf(alias);
                client.indices().updateAliases(u -> {
                    u.actions(a -> a.add(add -> add.index(index).alias(alias)));
                    for (String old : previous) {
                        u.actions(a -> a.remove(remove -> remove.index(old).alias(alias)));
                    }
                    return u;
                });
                state.entries = fresh;
                state.index = index;
                state.checkpoint = lastSeqNo;
            }
            for (String old : previous) {
                client.indices().delete(d -> d.index(old));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    private void createIndex(String index) throws IOException {
        try {
            client.indices().create(c -> c.index(index).withJson(new StringReader(indexBody(replicas))));
        } catch (ElasticsearchException e) {
            throw missingSmartcn(e).orElseThrow(() -> e);
        }
    }

    /** A clear error when index creation failed because the cluster lacks the analysis-smartcn plugin. */
    static Optional<IllegalStateException> missingSmartcn(ElasticsearchException e) {
        String reason = e.error() == null || e.error().reason() == null ? "" : e.error().reason();
        if (reason.contains("smartcn_tokenizer") || reason.contains("smartcn_stop") || reason.contains("porter_stem")) {
            return Optional.of(new IllegalStateException(SMARTCN_PLUGIN_HELP + " (Elasticsearch said: " + reason + ")",
                    e));
        }
        return Optional.empty();
    }

    @Override
    public void upsert(String tenantId, Faq entry) {
        String alias = alias(tenantId);
        try {
            if (!exists(alias)) {
                replaceAll(tenantId, List.of(entry), "");
                return;
            }
            TenantState state = state(tenantId);
            synchronized (state) {
                TenantEntries entries = entries(tenantId);
                IndexResponse response = client.index(i -> i.index(alias).id(entry.id()).document(document(entry))
                        .refresh(Refresh.True));
                entries.put(entry, synonymsOf(tenantId));
                advance(state, response.index(), response.seqNo());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index entry " + entry.id(), e);
        }
    }

    @Override
    public void delete(String tenantId, String entryId) {
        String alias = alias(tenantId);
        try {
            if (!exists(alias)) {
                return;
            }
            TenantState state = state(tenantId);
            synchronized (state) {
                TenantEntries entries = entries(tenantId);
                DeleteResponse response = client.delete(d -> d.index(alias).id(entryId).refresh(Refresh.True));
                entries.remove(entryId);
                advance(state, response.index(), response.seqNo());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete entry " + entryId, e);
        }
    }

    @Override
    public void setSynonyms(String tenantId, SynonymDictionary dictionary) {
        SynonymDictionary previous = synonyms.put(tenantId, dictionary);
        if (dictionary.groups().equals(previous == null ? List.of() : previous.groups())) {
            return;
        }
        TenantState state = tenants.get(tenantId);
        if (state != null) {
            synchronized (state) {
                if (state.entries != null) {
                    state.entries.resynonym(dictionary);
                }
            }
        }
    }

    @Override
    public Optional<String> sourceVersion(String tenantId) {
        String alias = alias(tenantId);
        try {
            if (!exists(alias)) {
                return Optional.empty();
            }
            var mappings = client.indices().getMapping(m -> m.index(alias)).result();
            for (var record : mappings.values()) {
                JsonData mapping = record.mappings().meta().get("mapping");
                if (mapping == null || !MAPPING_VERSION.equals(mapping.to(String.class))) {
                    return Optional.empty();
                }
                JsonData version = record.mappings().meta().get("sourceVersion");
                if (version != null && !version.to(String.class).isEmpty()) {
                    return Optional.of(version.to(String.class));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    @Override
    public void markSourceVersion(String tenantId, String sourceVersion) {
        String alias = alias(tenantId);
        try {
            if (!exists(alias)) {
                replaceAll(tenantId, List.of(), sourceVersion);
                return;
            }
            var mappings = client.indices().getMapping(m -> m.index(alias)).result();
            for (var index : mappings.entrySet()) {
                // _meta is replaced whole: keep the index's own mapping version (an older index stays marked old)
                JsonData mapping = index.getValue().mappings().meta().get("mapping");
                String version = mapping == null ? "" : mapping.to(String.class);
                client.indices().putMapping(m -> m.index(index.getKey())
                        .meta("sourceVersion", JsonData.of(sourceVersion)).meta("mapping", JsonData.of(version)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    @Override
    public List<Match.Hit> search(String tenantId, String query, Instant now, int limit) {
        TenantEntries entries = entries(tenantId);
        if (entries == null || entries.isEmpty()) {
            return List.of();
        }
        SynonymDictionary dictionary = synonymsOf(tenantId);
        TenantEntries.QueryFeatures features = entries.prepare(query, dictionary);
        if (features == null) {
            return List.of();
        }
        String normalized = KnowledgeAnalysis.normalize(query);
        // common terms (in > 5 % of a large tenant's entries) are left out as in Lucene: then the query text is the
        // remaining words and characters, which the index's analyzers turn back into the same tokens
        TenantEntries.RetrievalTerms terms = entries.retrievalTerms(normalized, dictionary);
        String text = terms.pruned() ? String.join(" ", terms.words()) : expanded(normalized, dictionary);
        String han = terms.pruned() ? String.join(" ", terms.chars()) : hanOnly(text);
        if (text.isBlank() && han.isEmpty()) {
            return List.of();
        }
        long at = now.toEpochMilli();
        Query retrieval = Query.of(q -> q.bool(b -> {
            b.must(m -> m.bool(should -> matches(should, text, han)));
            b.filter(f -> f.term(t -> t.field("published").value(true)));
            b.filter(f -> f.range(r -> r.number(n -> n.field("validFrom").lte((double) at))));
            b.filter(f -> f.range(r -> r.number(n -> n.field("validUntil").gt((double) at))));
            return b;
        }));
        try {
            SearchResponse<Void> response = client.search(s -> s.index(alias(tenantId)).query(retrieval)
                    .size(CANDIDATES).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false)),
                    Void.class);
            List<TenantEntries.Scored> scored = new ArrayList<>();
            for (Hit<Void> hit : response.hits().hits()) {
                Faq faq = entries.get(hit.id());
                if (faq == null || !faq.servableAt(now)) {
                    continue;
                }
                double best = entries.confidence(features, hit.id());
                if (best > 0) {
                    scored.add(new TenantEntries.Scored(faq, best, hit.score() == null ? 0 : hit.score()));
                }
            }
            return TenantEntries.rank(scored, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    /**
     * The query text with the synonyms it mentions appended (synonyms are the application's, so both backends
     * expand alike and a dictionary change needs no re-indexing), capped at {@link #MAX_QUERY_CHARS}.
     */
    static String expanded(String normalized, SynonymDictionary dictionary) {
        List<String> alternatives = dictionary.alternatives(normalized);
        String text = alternatives.isEmpty() ? normalized : normalized + " , " + String.join(" , ", alternatives);
        return text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
    }

    static final int MAX_QUERY_CHARS = 4000;

    /** The Han characters of a text (what the character sub-field is searched with), others as spaces. */
    static String hanOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(
                Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? cp : ' '));
        return out.toString().strip();
    }

    /**
     * BM25, analysed by Elasticsearch, over question words ({@code question}, boost 1), question characters
     * ({@code question.chars}, 0.4, searched with the text's Han characters) and answer words ({@code answer},
     * 0.25): the Lucene backend's fields and boosts. Stop words are removed by the analyzers, so a query of nothing
     * else matches nothing.
     */
    private static BoolQuery.Builder matches(BoolQuery.Builder b, String text, String han) {
        if (!text.isBlank()) {
            b.should(s -> s.match(m -> m.field("question").query(text)
                    .boost(LuceneSearchBackend.QUESTION_WORD_BOOST)));
            b.should(s -> s.match(m -> m.field("answer").query(text).boost(LuceneSearchBackend.ANSWER_WORD_BOOST)));
        }
        if (!han.isEmpty()) {
            b.should(s -> s.match(m -> m.field("question.chars").query(han)
                    .boost(LuceneSearchBackend.QUESTION_CHAR_BOOST)));
        }
        return b;
    }

    @Override
    public List<Faq> lookup(String tenantId, String text, int limit) {
        TenantEntries entries = entries(tenantId);
        if (entries == null) {
            return List.of();
        }
        String normalized = KnowledgeAnalysis.normalize(text).strip();
        boolean meaningful = !analysis.words(normalized).isEmpty() || !analysis.chars(normalized).isEmpty();
        int lastSpace = normalized.lastIndexOf(' ');
        String last = normalized.substring(lastSpace + 1);
        boolean prefixWord = last.length() >= 2 && last.chars().allMatch(ch -> ch < 0x80 && Character.isLetterOrDigit(ch));
        if (!meaningful && !prefixWord) {
            return List.of();
        }
        Query query = Query.of(q -> q.bool(b -> {
            if (meaningful) {
                matches(b, normalized, hanOnly(normalized));
            }
            if (prefixWord) {
                b.should(s -> s.prefix(p -> p.field("question").value(last).boost(0.8f)));
            }
            return b;
        }));
        try {
            SearchResponse<Void> response = client.search(s -> s.index(alias(tenantId)).query(query)
                    .size(Math.max(1, limit)).source(src -> src.fetch(false)), Void.class);
            List<Faq> found = new ArrayList<>();
            for (Hit<Void> hit : response.hits().hits()) {
                Faq faq = entries.get(hit.id());
                if (faq != null) {
                    found.add(faq);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    @Override
    public int size(String tenantId) {
        TenantEntries entries = entries(tenantId);
        return entries == null ? 0 : entries.size();
    }

    /** Deletes the tenant's index (throw-away evaluation indexes). */
    public void drop(String tenantId) {
        try {
            for (String index : indicesOf(alias(tenantId))) {
                client.indices().delete(d -> d.index(index));
            }
            tenants.remove(tenantId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the Elasticsearch index of tenant " + tenantId, e);
        }
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            // closing on shutdown: nothing more to do
        }
    }

    private TenantState state(String tenantId) {
        return tenants.computeIfAbsent(tenantId, t -> new TenantState());
    }

    /**
     * The tenant's entries in memory; null when it has no index. Loaded from the index the first time, and again
     * when a check (at most every {@code recheckEvery}) finds that the index moved on since this instance loaded or
     * wrote it: another instance changed or rebuilt it.
     */
    private TenantEntries entries(String tenantId) {
        TenantState state = state(tenantId);
        TenantEntries current = state.entries;
        long now = System.nanoTime();
        long next = state.nextCheck.get();
        if (current != null && (now - next < 0 || !state.nextCheck.compareAndSet(next, now + recheckNanos))) {
            return current;
        }
        synchronized (state) {
            if (current == null && state.entries != null) {
                return state.entries;
            }
            String alias = alias(tenantId);
            try {
                Stored stored = storedVersion(alias);
                if (stored == null) {
                    return null;
                }
                if (state.entries != null && stored.index().equals(state.index)
                        && (stored.checkpoint() == state.checkpoint || catchUp(tenantId, state, alias, stored))) {
                    return state.entries;
                }
                // everything up to the checkpoint read above is in the index; make it visible to search, then load
                client.indices().refresh(r -> r.index(alias));
                state.entries = load(tenantId, alias);
                state.index = stored.index();
                state.checkpoint = stored.checkpoint();
                state.nextCheck.set(System.nanoTime() + recheckNanos);
                return state.entries;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the Elasticsearch index of tenant " + tenantId, e);
            }
        }
    }

    /**
     * Brings the entries up to {@code stored} by reading only the documents written after the checkpoint they
     * reflect (every write gives its document the next {@code _seq_no}). A deletion leaves no document to read: when
     * the index then holds fewer documents than memory, the ids of the index are read (no sources) and the missing
     * entries forgotten. Returns false when memory still differs; the caller then reloads everything.
     */
    private boolean catchUp(String tenantId, TenantState state, String alias, Stored stored) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        TenantEntries entries = state.entries;
        SynonymDictionary dictionary = synonymsOf(tenantId);
        long from = state.checkpoint;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Map> page = client.search(s -> {
                s.index(alias).size(PAGE).query(q -> q.range(r -> r.number(n -> n.field("_seq_no").gt((double) from))))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes("faq")));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, Map.class);
            List<Hit<Map>> hits = page.hits().hits();
            for (Hit<Map> hit : hits) {
                entries.put(JSON.convertValue(hit.source().get("faq"), Faq.class), dictionary);
            }
            if (hits.size() < PAGE) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        if (client.count(c -> c.index(alias)).count() != entries.size()) {
            // entries were deleted: forget those whose document is gone (ids only, no sources to read)
            Set<String> live = ids(alias);
            entries.faqs().stream().map(Faq::id).filter(id -> !live.contains(id)).toList().forEach(entries::remove);
            if (live.size() != entries.size()) {
                return false;
            }
        }
        state.checkpoint = stored.checkpoint();
        return true;
    }

    private Set<String> ids(String alias) throws IOException {
        Set<String> ids = new java.util.HashSet<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Void> page = client.search(s -> {
                s.index(alias).size(PAGE * 10).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                        .source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            hits.forEach(hit -> ids.add(hit.id()));
            if (hits.size() < PAGE * 10) {
                return ids;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** After a write of this instance: still current if nobody else wrote since what it last loaded or wrote. */
    private static void advance(TenantState state, String index, long seqNo) {
        if (index.equals(state.index) && state.checkpoint == seqNo - 1) {
            state.checkpoint = seqNo;
        }
    }

    /** Where a tenant's index stands: the concrete index behind the alias and the last operation applied to it. */
    record Stored(String index, long checkpoint) {
    }

    /**
     * The index behind the tenant's alias and its shard's local checkpoint (all write operations up to it are
     * applied), in one cheap stats call; null when the tenant has no index.
     */
    Stored storedVersion(String alias) throws IOException {
        IndicesStatsResponse stats;
        try {
            stats = client.indices().stats(s -> s.index(alias).metric("docs").level(Level.Shards));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
        for (var index : stats.indices().entrySet()) {
            for (var copies : index.getValue().shards().values()) {
                for (ShardStats shard : copies) {
                    if (shard.routing() != null && shard.routing().primary() && shard.seqNo() != null) {
                        return new Stored(index.getKey(), shard.seqNo().localCheckpoint());
                    }
                }
            }
        }
        return null;
    }

    private TenantEntries load(String tenantId, String alias) throws IOException {
        TenantEntries entries = new TenantEntries(analysis, confidence);
        SynonymDictionary dictionary = synonymsOf(tenantId);
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Map> page = client.search(s -> {
                s.index(alias).size(PAGE).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes("faq")));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, Map.class);
            List<Hit<Map>> hits = page.hits().hits();
            for (Hit<Map> hit : hits) {
                entries.put(JSON.convertValue(hit.source().get("faq"), Faq.class), dictionary);
            }
            if (hits.size() < PAGE) {
                return entries;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private boolean exists(String alias) throws IOException {
        return client.indices().existsAlias(a -> a.name(alias)).value();
    }

    private List<String> indicesOf(String alias) throws IOException {
        if (!exists(alias)) {
            return List.of();
        }
        return List.copyOf(client.indices().getAlias(a -> a.name(alias)).result().keySet());
    }

    private static void check(BulkResponse response) {
        if (response.errors()) {
            String reason = response.items().stream().filter(item -> item.error() != null)
                    .map(item -> item.id() + ": " + item.error().reason()).findFirst().orElse("unknown");
            throw new IllegalStateException("bulk indexing failed: " + reason);
        }
    }

    /** The document of an entry: texts normalised as queries are, analysed by the index; the entry itself as is. */
    private static Map<String, Object> document(Faq faq) {
        List<String> questions = new ArrayList<>();
        Confidence.questionsOf(faq).forEach(question -> questions.add(KnowledgeAnalysis.normalize(question)));
        faq.keywords().forEach(keyword -> questions.add(KnowledgeAnalysis.normalize(keyword)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", faq.id());
        doc.put("published", faq.published());
        doc.put("validFrom", faq.validFrom() == null ? Long.MIN_VALUE : faq.validFrom().toEpochMilli());
        doc.put("validUntil", faq.validUntil() == null ? Long.MAX_VALUE : faq.validUntil().toEpochMilli());
        doc.put("question", questions);
        doc.put("answer", KnowledgeAnalysis.normalize(faq.answer()));
        doc.put("faq", JSON.convertValue(faq, Map.class));
        return doc;
    }

    private SynonymDictionary synonymsOf(String tenantId) {
        return synonyms.getOrDefault(tenantId, SynonymDictionary.EMPTY);
    }

}
