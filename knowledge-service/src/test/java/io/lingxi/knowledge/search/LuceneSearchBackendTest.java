package io.lingxi.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchBackendTest extends SearchBackendContract {

    @TempDir
    Path root;

    @Override
    protected SearchBackend newBackend() {
        try {
            return new LuceneSearchBackend(Files.createTempDirectory(root, "index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theIndexOutlivesARestart() throws IOException {
        Path dir = Files.createTempDirectory(root, "restart");
        try (LuceneSearchBackend first = new LuceneSearchBackend(dir)) {
            first.replaceAll("t1", SHOP, "v9");
            first.delete("t1", "zh-returns");
        }
        try (LuceneSearchBackend second = new LuceneSearchBackend(dir)) {
            assertThat(second.sourceVersion("t1")).contains("v9");
            assertThat(second.size("t1")).isEqualTo(SHOP.size() - 1);
            assertThat(second.search("t1", "怎么开发票？", NOW, 1).get(0).faq().id()).isEqualTo("zh-invoice");
            assertThat(second.search("t1", "怎么退货？", NOW, 5)).extracting(hit -> hit.faq().id())
                    .doesNotContain("zh-returns");
        }
    }

    @Test
    void oddTenantIdsGetSafeDirectoryNames() {
        assertThat(LuceneSearchBackend.directoryName("demo")).isEqualTo("demo");
        assertThat(LuceneSearchBackend.directoryName("../etc")).startsWith("x-").doesNotContain("/");
    }
}
