package io.lingxi.knowledge.search;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/**
 * Makes the configured backend ({@code lingxi.knowledge.backend}): embedded Lucene under
 * {@code lingxi.knowledge.index-path} (default), or Elasticsearch at {@code lingxi.knowledge.elasticsearch.url}.
 */
public class SearchBackendProducer {

    @Produces
    @ApplicationScoped
    SearchBackend backend(KnowledgeConfig config) {
        return create(config);
    }

    /** A new backend of the configured kind (also used for throw-away evaluation indexes). */
    public static SearchBackend create(KnowledgeConfig config) {
        return switch (config.backend()) {
            case "lucene" -> new LuceneSearchBackend(Path.of(config.indexPath()).toAbsolutePath());
            case "elasticsearch" -> {
                Log.infof("knowledge search on Elasticsearch at %s", config.elasticsearch().url());
                yield ElasticsearchSearchBackend.connect(config.elasticsearch().url(),
                        config.elasticsearch().indexPrefix(), config.elasticsearch().replicas(),
                        config.elasticsearch().recheckEvery());
            }
            default -> throw new IllegalArgumentException(
                    "lingxi.knowledge.backend must be lucene or elasticsearch, not " + config.backend());
        };
    }

    void close(@Disposes SearchBackend backend) {
        backend.close();
    }
}
