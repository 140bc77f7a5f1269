package io.lingxi.knowledge.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The default backend: one embedded Lucene index per tenant in a directory of its own under {@code root}, so
 * tenants cannot see each other's entries nor skew each other's term statistics. BM25 retrieves candidates from
 * the word view of the questions (similar questions and keywords included, boost 1), their character view
 * (boost 0.4) and the answer's words (boost 0.25), with the query's synonyms added as alternatives; the
 * candidates are then ranked by {@link Confidence}. The entries themselves (and their confidence features) are
 * also kept in memory, so scoring a candidate needs no stored-field decoding.
 */
public final class LuceneSearchBackend implements SearchBackend {

    static final int CANDIDATES = 20;
    static final float QUESTION_WORD_BOOST = 1.0f;
    static final float QUESTION_CHAR_BOOST = 0.4f;
    static final float ANSWER_WORD_BOOST = 0.25f;

    private static final String ID = "id";
    private static final String SOURCE = "faq";
    private static final String PUBLISHED = "published";
    private static final String FROM = "from";
    private static final String UNTIL = "until";
    private static final String QUESTION_WORDS = "qw";
    private static final String QUESTION_CHARS = "qc";
    private static final String ANSWER_WORDS = "aw";
    private static final String SOURCE_VERSION = "sourceVersion";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path root;
    private final KnowledgeAnalysis analysis = new KnowledgeAnalysis();
    private final Confidence confidence = new Confidence(analysis);
    private final Analyzer indexAnalyzer;
    private final Map<String, TenantIndex> tenants = new ConcurrentHashMap<>();
    private final Map<String, SynonymDictionary> synonyms = new ConcurrentHashMap<>();

    public LuceneSearchBackend(Path root) {
        this.root = root;
        this.indexAnalyzer = new PerFieldAnalyzerWrapper(analysis.wordAnalyzer(),
                Map.of(QUESTION_CHARS, analysis.charAnalyzer()));
    }

    @Override
    public String name() {
        return "lucene";
    }

    /** One tenant's index: writer, searchers, the entries and the document frequency of every feature. */
    private final class TenantIndex {
        final Directory directory;
        final IndexWriter writer;
        final SearcherManager searchers;
        /** Replaced whole by a rebuild, so that searches never see a half-filled copy. */
        volatile TenantEntries entries = new TenantEntries(analysis, confidence);

        TenantIndex(Path path, SynonymDictionary dictionary) throws IOException {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer)
                    .setSimilarity(new BM25Similarity())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
            IndexSearcher searcher = searchers.acquire();
            try {
                StoredFields stored = searcher.getIndexReader().storedFields();
                Bits live = MultiBits.getLiveDocs(searcher.getIndexReader());
                for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document document = stored.document(doc);
                    if (document.getBinaryValue(SOURCE) == null) {
                        continue;
                    }
                    Faq faq = JSON.readValue(document.getBinaryValue(SOURCE).bytes, Faq.class);
                    entries.put(faq, dictionary);
                }
            } finally {
                searchers.release(searcher);
            }
        }

        void commit(String sourceVersion) throws IOException {
            if (sourceVersion != null) {
                writer.setLiveCommitData(Map.of(SOURCE_VERSION, sourceVersion).entrySet());
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        }

        Optional<String> sourceVersion() {
            Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
            if (data != null) {
                for (Map.Entry<String, String> e : data) {
                    if (SOURCE_VERSION.equals(e.getKey())) {
                        return Optional.of(e.getValue());
                    }
                }
            }
            return Optional.empty();
        }

        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    @Override
    public void replaceAll(String tenantId, Collection<Faq> entries, String sourceVersion) {
        TenantIndex index = open(tenantId, true);
        synchronized (index) {
            try {
                index.writer.deleteAll();
                TenantEntries fresh = new TenantEntries(analysis, confidence);
                SynonymDictionary dictionary = synonymsOf(tenantId);
                for (Faq faq : entries) {
                    index.writer.addDocument(document(faq));
                    fresh.put(faq, dictionary);
                }
                // a rebuilt index is searched far more than it changes: one segment answers fastest
                index.writer.forceMerge(1);
                index.entries = fresh;
                index.commit(sourceVersion);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rebuild the index of tenant " + tenantId, e);
            }
        }
    }

    @Override
    public void upsert(String tenantId, Faq entry) {
        TenantIndex index = open(tenantId, true);
        synchronized (index) {
            try {
                index.writer.updateDocument(new Term(ID, entry.id()), document(entry));
                index.entries.put(entry, synonymsOf(tenantId));
                index.commit(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot index entry " + entry.id(), e);
            }
        }
    }

    @Override
    public void delete(String tenantId, String entryId) {
        TenantIndex index = open(tenantId, false);
        if (index == null) {
            return;
        }
        synchronized (index) {
            try {
                index.writer.deleteDocuments(new Term(ID, entryId));
                index.entries.remove(entryId);
                index.commit(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete entry " + entryId, e);
            }
        }
    }

    @Override
    public void setSynonyms(String tenantId, SynonymDictionary dictionary) {
        SynonymDictionary previous = synonyms.put(tenantId, dictionary);
        if (dictionary.groups().equals(previous == null ? List.of() : previous.groups())) {
            return;
        }
        TenantIndex index = open(tenantId, false);
        if (index == null) {
            return;
        }
        index.entries.resynonym(dictionary);
    }

    @Override
    public Optional<String> sourceVersion(String tenantId) {
        TenantIndex index = open(tenantId, false);
        return index == null ? Optional.empty() : index.sourceVersion();
    }

    @Override
    public void markSourceVersion(String tenantId, String sourceVersion) {
        TenantIndex index = open(tenantId, true);
        synchronized (index) {
            try {
                index.commit(sourceVersion);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit the index of tenant " + tenantId, e);
            }
        }
    }

    @Override
    public List<Match.Hit> search(String tenantId, String query, Instant now, int limit) {
        TenantIndex index = open(tenantId, false);
        if (index == null || index.entries.isEmpty()) {
            return List.of();
        }
        TenantEntries entries = index.entries;
        SynonymDictionary dictionary = synonymsOf(tenantId);
        TenantEntries.QueryFeatures features = entries.prepare(query, dictionary);
        if (features == null) {
            return List.of();
        }
        TenantEntries.RetrievalTerms terms = entries.retrievalTerms(KnowledgeAnalysis.normalize(query),
                dictionary);
        if (terms.isEmpty()) {
            return List.of();
        }
        long at = now.toEpochMilli();
        BooleanQuery filtered = new BooleanQuery.Builder()
                .add(retrieval(terms), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(PUBLISHED, "true")), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(FROM, Long.MIN_VALUE, at), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(UNTIL, at + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
                .build();
        List<TenantEntries.Scored> scored = new ArrayList<>();
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                TopDocs top = searcher.search(filtered, CANDIDATES);
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                for (ScoreDoc hit : top.scoreDocs) {
                    String id = idOf(leaves, hit.doc);
                    Faq faq = id == null ? null : entries.get(id);
                    if (faq == null || !faq.servableAt(now)) {
                        continue;
                    }
                    double best = entries.confidence(features, id);
                    if (best > 0) {
                        scored.add(new TenantEntries.Scored(faq, best, hit.score));
                    }
                }
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index of tenant " + tenantId, e);
        }
        return TenantEntries.rank(scored, limit);
    }

    /** The entry id of a hit, from doc values: no stored-field block to decompress. */
    private static String idOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = DocValues.getSorted(leaf.reader(), ID);
        if (!ids.advanceExact(doc - leaf.docBase)) {
            return null;
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }

    @Override
    public List<Faq> lookup(String tenantId, String text, int limit) {
        TenantIndex index = open(tenantId, false);
        if (index == null) {
            return List.of();
        }
        String normalized = KnowledgeAnalysis.normalize(text).strip();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : limited(analysis.words(normalized))) {
            query.add(new TermQuery(new Term(QUESTION_WORDS, word)), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term(ANSWER_WORDS, word)), ANSWER_WORD_BOOST),
                    BooleanClause.Occur.SHOULD);
            clauses++;
        }
        for (String c : limited(analysis.chars(normalized))) {
            query.add(new BoostQuery(new TermQuery(new Term(QUESTION_CHARS, c)), QUESTION_CHAR_BOOST),
                    BooleanClause.Occur.SHOULD);
            clauses++;
        }
        // the word being typed: a prefix of a Latin word
        int lastSpace = normalized.lastIndexOf(' ');
        String last = normalized.substring(lastSpace + 1);
        if (last.length() >= 2 && last.chars().allMatch(ch -> ch < 0x80 && Character.isLetterOrDigit(ch))) {
            query.add(new BoostQuery(new PrefixQuery(new Term(QUESTION_WORDS, last)), 0.8f), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return List.of();
        }
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                List<Faq> found = new ArrayList<>();
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                for (ScoreDoc hit : searcher.search(query.build(), Math.max(1, limit)).scoreDocs) {
                    String id = idOf(leaves, hit.doc);
                    Faq faq = id == null ? null : index.entries.get(id);
                    if (faq != null) {
                        found.add(faq);
                    }
                }
                return found;
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index of tenant " + tenantId, e);
        }
    }

    @Override
    public int size(String tenantId) {
        TenantIndex index = open(tenantId, false);
        return index == null ? 0 : index.entries.size();
    }

    @Override
    public void close() {
        for (TenantIndex index : tenants.values()) {
            try {
                index.close();
            } catch (IOException e) {
                // closing on shutdown: nothing more to do
            }
        }
        tenants.clear();
    }

    /** The BM25 query that finds candidates: question words, question characters and answer words. */
    private static Query retrieval(TenantEntries.RetrievalTerms terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : terms.words()) {
            query.add(new TermQuery(new Term(QUESTION_WORDS, word)), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term(ANSWER_WORDS, word)), ANSWER_WORD_BOOST),
                    BooleanClause.Occur.SHOULD);
        }
        for (String c : terms.chars()) {
            query.add(new BoostQuery(new TermQuery(new Term(QUESTION_CHARS, c)), QUESTION_CHAR_BOOST),
                    BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    private static List<String> limited(Collection<String> tokens) {
        return TenantEntries.limited(tokens);
    }

    private static Document document(Faq faq) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(ID, faq.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(faq.id())));
        doc.add(new StoredField(SOURCE, JSON.writeValueAsBytes(faq)));
        doc.add(new StringField(PUBLISHED, Boolean.toString(faq.published()), Field.Store.NO));
        doc.add(new LongPoint(FROM, faq.validFrom() == null ? Long.MIN_VALUE : faq.validFrom().toEpochMilli()));
        doc.add(new LongPoint(UNTIL, faq.validUntil() == null ? Long.MAX_VALUE : faq.validUntil().toEpochMilli()));
        List<String> questions = new ArrayList<>(Confidence.questionsOf(faq));
        questions.addAll(faq.keywords());
        for (String question : questions) {
            String text = KnowledgeAnalysis.normalize(question);
            doc.add(new TextField(QUESTION_WORDS, text, Field.Store.NO));
            doc.add(new TextField(QUESTION_CHARS, text, Field.Store.NO));
        }
        doc.add(new TextField(ANSWER_WORDS, KnowledgeAnalysis.normalize(faq.answer()), Field.Store.NO));
        return doc;
    }

    private SynonymDictionary synonymsOf(String tenantId) {
        return synonyms.getOrDefault(tenantId, SynonymDictionary.EMPTY);
    }

    private TenantIndex open(String tenantId, boolean create) {
        TenantIndex index = tenants.get(tenantId);
        if (index != null) {
            return index;
        }
        Path path = root.resolve(directoryName(tenantId));
        try {
            if (!create && !indexExists(path)) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index of tenant " + tenantId, e);
        }
        synchronized (tenants) {
            index = tenants.get(tenantId);
            if (index == null) {
                try {
                    index = new TenantIndex(path, synonymsOf(tenantId));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the index of tenant " + tenantId, e);
                }
                tenants.put(tenantId, index);
            }
            return index;
        }
    }

    private static boolean indexExists(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(directory);
        }
    }

    /** Tenant ids become directory names: safe ones as they are, others hex-encoded. */
    static String directoryName(String tenantId) {
        if (tenantId.matches("[A-Za-z0-9_-]{1,64}")) {
            return tenantId;
        }
        return "x-" + HexFormat.of().formatHex(tenantId.getBytes(StandardCharsets.UTF_8));
    }
}
