package io.lingxi.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.knowledge.ElasticsearchNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link SearchBackendContract} against a real Elasticsearch node, plus what only this backend has. */
class ElasticsearchSearchBackendTest extends SearchBackendContract {

    private String prefix;

    @Override
    protected SearchBackend newBackend() {
        prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        return ElasticsearchSearchBackend.connect(ElasticsearchNode.url(), prefix, 0);
    }

    @Test
    void anotherInstanceReadsTheIndexBackFromTheCluster() {
        try (ElasticsearchSearchBackend second = ElasticsearchSearchBackend.connect(ElasticsearchNode.url(), prefix, 0)) {
            assertThat(second.sourceVersion("t1")).contains("v1");
            assertThat(second.size("t1")).isEqualTo(SHOP.size());
            assertThat(second.search("t1", "怎么开发票？", NOW, 1).get(0).faq().id()).isEqualTo("zh-invoice");
        }
    }

    @Test
    void whatAnotherInstanceWritesIsSearchedHereAtOnce() {
        // two service instances on the same cluster; `backend` built the index, b has loaded it before the changes
        try (ElasticsearchSearchBackend a = ElasticsearchSearchBackend.connect(ElasticsearchNode.url(), prefix, 0,
                Duration.ZERO);
                ElasticsearchSearchBackend b = ElasticsearchSearchBackend.connect(ElasticsearchNode.url(), prefix, 0,
                        Duration.ZERO)) {
            assertThat(b.search("t1", "怎么开发票？", NOW, 1).get(0).faq().id()).isEqualTo("zh-invoice");
            assertThat(b.size("t1")).isEqualTo(SHOP.size());

            a.upsert("t1", faq("zh-pets", "宠物可以带进门店吗？", "能带狗进店吗"));
            assertThat(b.search("t1", "能带狗进店吗", NOW, 1)).extracting(hit -> hit.faq().id()).containsExactly("zh-pets");
            a.upsert("t1", faq("zh-invoice", "发票抬头可以改吗？"));
            assertThat(b.search("t1", "发票抬头可以改吗", NOW, 1).get(0).score()).isEqualTo(1.0);
            a.delete("t1", "zh-pets");
            assertThat(b.search("t1", "能带狗进店吗", NOW, 5)).extracting(hit -> hit.faq().id()).doesNotContain("zh-pets");
            assertThat(b.size("t1")).isEqualTo(SHOP.size());

            // b's own writes keep it current without a reload, and a sees them too
            b.upsert("t1", faq("zh-parking", "门店有停车场吗？"));
            assertThat(a.search("t1", "门店有停车场吗", NOW, 1).get(0).faq().id()).isEqualTo("zh-parking");
            assertThat(b.search("t1", "门店有停车场吗", NOW, 1).get(0).faq().id()).isEqualTo("zh-parking");

            a.replaceAll("t1", List.of(SHOP.get(0)), "v2");
            assertThat(b.size("t1")).isEqualTo(1);
            assertThat(b.search("t1", "怎么退货？", NOW, 5)).extracting(hit -> hit.faq().id()).doesNotContain("zh-returns");
        }
    }

    @Test
    void withTheDefaultRecheckAnotherInstancesChangeArrivesWithinASecondOrSo() {
        try (ElasticsearchSearchBackend b = ElasticsearchSearchBackend.connect(ElasticsearchNode.url(), prefix, 0)) {
            assertThat(b.search("t1", "宠物可以带进门店吗", NOW, 5)).extracting(hit -> hit.faq().id())
                    .doesNotContain("zh-pets");
            backend.upsert("t1", faq("zh-pets", "宠物可以带进门店吗？"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.search("t1", "宠物可以带进门店吗",
                    NOW, 1)).extracting(hit -> hit.faq().id()).containsExactly("zh-pets"));
        }
    }

    @Test
    void aRebuildSwapsTheAliasToAFreshIndex() {
        backend.replaceAll("t1", List.of(SHOP.get(1)), "v2");
        backend.replaceAll("t1", SHOP, "v3");
        assertThat(backend.sourceVersion("t1")).contains("v3");
        assertThat(backend.search("t1", "物流查询", NOW, 1).get(0).faq().id()).isEqualTo("zh-tracking");
        assertThat(backend.size("t1")).isEqualTo(SHOP.size());
    }

    @Test
    void oddTenantIdsGetValidIndexNames() {
        ElasticsearchSearchBackend es = (ElasticsearchSearchBackend) backend;
        assertThat(es.alias("demo")).isEqualTo(prefix + "-demo");
        assertThat(es.alias("Acme/../X")).startsWith(prefix + "-x-").doesNotContain("/").isLowerCase();
        backend.upsert("Acme Corp", SHOP.get(0));
        assertThat(backend.search("Acme Corp", "快递多久能到？", NOW, 1).get(0).faq().id()).isEqualTo("zh-shipping");
    }

    @Test
    void theClusterAnalysesWithSmartcnWordsAndACharacterSubField() throws Exception {
        String index = ((ElasticsearchSearchBackend) backend).alias("t1");
        JsonNode mapping = rest("GET", "/" + index + "/_mapping", null).elements().next().path("mappings");
        JsonNode question = mapping.path("properties").path("question");
        assertThat(question.path("analyzer").asText()).isEqualTo("lingxi_words");
        assertThat(question.path("fields").path("chars").path("analyzer").asText()).isEqualTo("lingxi_chars");
        assertThat(mapping.path("properties").path("answer").path("analyzer").asText()).isEqualTo("lingxi_words");

        // words: smartcn segmentation, stop words (的/在/my) gone, English stemmed; chars: one Han character each,
        // stop characters (我/的/在/哪) gone
        assertThat(analyze(index, "lingxi_words", "我的快递在哪里？Where are my refunds"))
                .containsExactly("快递", "哪里", "where", "refund");
        assertThat(analyze(index, "lingxi_chars", "我的快递在哪里")).containsExactly("快", "递", "里");
        // the same tokens as the application's analysis, which the Lucene backend and the confidence use
        KnowledgeAnalysis analysis = new KnowledgeAnalysis();
        String text = KnowledgeAnalysis.normalize("请问退款多久能到账呀？How long do REFUNDS take");
        assertThat(analyze(index, "lingxi_words", text)).isEqualTo(analysis.words(text));
        assertThat(analyze(index, "lingxi_chars", "请问退款多久能到账呀")).isEqualTo(analysis.chars("请问退款多久能到账呀"));
    }

    @Test
    void onALargeTenantCommonTermsAreLeftOutAndBothBackendsFindTheSameEntries() throws Exception {
        // 600 generated shop entries: 系列, 怎么, return … are in far more than 5 % of them (common terms)
        java.util.Random random = new java.util.Random(7);
        List<io.lingxi.knowledge.domain.Faq> faqs = KnowledgeBenchmark.GeneratedEntries.generate(600, random);
        List<String> queries = KnowledgeBenchmark.GeneratedEntries.queries(faqs, 60, new java.util.Random(8));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lingxi-es-vs-lucene");
        try (LuceneSearchBackend lucene = new LuceneSearchBackend(dir)) {
            lucene.replaceAll("big", faqs, "v1");
            backend.replaceAll("big", faqs, "v1");
            int same = 0;
            for (String query : queries) {
                List<String> es = backend.search("big", query, NOW, 3).stream().map(hit -> hit.faq().id()).toList();
                List<String> lu = lucene.search("big", query, NOW, 3).stream().map(hit -> hit.faq().id()).toList();
                assertThat(es).as(query).isNotEmpty();
                same += es.get(0).equals(lu.get(0)) ? 1 : 0;
            }
            assertThat(same).isEqualTo(queries.size());
            String question = faqs.get(42).question();
            assertThat(backend.search("big", "请问" + question, NOW, 1).get(0).faq().id()).isEqualTo("gen-42");
            assertThat(backend.search("big", "的了在", NOW, 5)).isEmpty();
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void anIndexWithAnOlderMappingIsRebuiltWhateverItsFingerprint() throws Exception {
        String alias = ((ElasticsearchSearchBackend) backend).alias("old");
        rest("PUT", "/" + alias + "-1", """
                {"mappings": {"_meta": {"sourceVersion": "v1"}, "properties": {"qw": {"type": "text"}}},
                 "aliases": {"%s": {}}}""".formatted(alias));
        assertThat(backend.sourceVersion("old")).isEmpty();
        backend.replaceAll("old", SHOP, "v1");
        assertThat(backend.sourceVersion("old")).contains("v1");
        assertThat(backend.search("old", "怎么开发票？", NOW, 1).get(0).faq().id()).isEqualTo("zh-invoice");
    }

    @Test
    void aClusterWithoutTheSmartcnPluginIsToldWhichPluginToInstall() {
        // what a cluster without analysis-smartcn answers to the index creation
        ElasticsearchException refused = new ElasticsearchException("indices.create", ErrorResponse.of(e -> e
                .status(400).error(ErrorCause.of(c -> c.type("illegal_argument_exception").reason(
                        "Custom Analyzer [lingxi_words] failed to find tokenizer under name [smartcn_tokenizer]")))));
        assertThat(ElasticsearchSearchBackend.missingSmartcn(refused)).get()
                .extracting(Throwable::getMessage).asString()
                .contains("bin/elasticsearch-plugin install analysis-smartcn", "smartcn_tokenizer");
        ElasticsearchException other = new ElasticsearchException("indices.create", ErrorResponse.of(e -> e
                .status(400).error(ErrorCause.of(c -> c.type("resource_already_exists_exception").reason("exists")))));
        assertThat(ElasticsearchSearchBackend.missingSmartcn(other)).isEmpty();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<String> analyze(String index, String analyzer, String text) throws Exception {
        JsonNode tokens = rest("POST", "/" + index + "/_analyze",
                JSON.writeValueAsString(java.util.Map.of("analyzer", analyzer, "text", text))).path("tokens");
        List<String> found = new ArrayList<>();
        tokens.forEach(token -> found.add(token.path("token").asText()));
        return found;
    }

    private static JsonNode rest(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ElasticsearchNode.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }
}
