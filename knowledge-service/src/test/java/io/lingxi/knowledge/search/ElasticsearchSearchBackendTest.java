package io.lingxi.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.knowledge.ElasticsearchNode;
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
