package io.lingxi.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lingxi.knowledge.ElasticsearchNode;
import java.time.Duration;
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
}
