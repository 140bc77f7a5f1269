package io.lingxi.knowledge.search;

import io.lingxi.knowledge.config.KnowledgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** Makes the configured backend: embedded Lucene under {@code lingxi.knowledge.index-path}. */
public class SearchBackendProducer {

    @Produces
    @ApplicationScoped
    SearchBackend backend(KnowledgeConfig config) {
        return new LuceneSearchBackend(Path.of(config.indexPath()).toAbsolutePath());
    }

    void close(@Disposes SearchBackend backend) {
        backend.close();
    }
}
