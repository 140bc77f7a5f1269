package io.lingxi.knowledge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Points the application at the test Elasticsearch node ({@link ElasticsearchNode}) with a fresh index prefix, and
 * selects the Elasticsearch backend.
 */
public class ElasticsearchTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("lingxi.knowledge.backend", "elasticsearch",
                "lingxi.knowledge.elasticsearch.url", ElasticsearchNode.url(),
                "lingxi.knowledge.elasticsearch.index-prefix", "test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void stop() {
        // the node is shared by every test of the JVM and stops with it
    }
}
