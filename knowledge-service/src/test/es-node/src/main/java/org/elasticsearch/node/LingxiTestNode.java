package org.elasticsearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * A single-node Elasticsearch for the knowledge service's tests, built from the Maven Central server jars.
 * Lives in {@code org.elasticsearch.node} because the pieces of {@link Node}'s construction are package-private;
 * the test framework's MockNode would need a randomized-testing context. Arguments: home directory, HTTP port.
 * Prints {@code LINGXI-ES-READY <port>} once the node answers, and stops when its standard input closes (so it
 * never outlives the test JVM that started it). {@link LingxiAnalysisPlugin} adds the analysis production clusters
 * have (the official analysis-smartcn plugin's names).
 */
public final class LingxiTestNode extends Node {

    private LingxiTestNode(Environment environment, List<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new MockPluginsService(env.settings(), env, plugins);
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String port = args[1];
        Files.createDirectories(home.resolve("config"));
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "lingxi-test")
                .put("node.name", "node")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                .put("transport.port", "0")
                .put("cluster.routing.allocation.disk.threshold_enabled", "false")
                .put("action.destructive_requires_name", "false")
                .build();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node");
        Node node = new LingxiTestNode(environment, List.of(Netty4Plugin.class, LingxiAnalysisPlugin.class));
        node.start();
        System.out.println("LINGXI-ES-READY " + port);
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the parent closes the pipe or dies
                }
            } catch (java.io.IOException e) {
                // the parent is gone
            }
            stopped.countDown();
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        stopped.await();
        node.close();
        node.awaitClose(10, java.util.concurrent.TimeUnit.SECONDS);
        System.exit(0);
    }
}
