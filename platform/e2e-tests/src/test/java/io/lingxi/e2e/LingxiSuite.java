package io.lingxi.e2e;

import io.lingxi.testing.KafkaBroker;
import io.lingxi.testing.PostgresServer;
import io.lingxi.testing.TestJwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform for end-to-end tests: a real Kafka broker and PostgreSQL from the shared test resources,
 * one fresh database per service, and the six services as separate processes on free ports.
 */
final class LingxiSuite {

    static final String DEMO_CHANNEL_KEY = "e2e-web-key";
    static final String DEMO_TENANT = "demo";

    /** Module → the short name of its database. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("channel-gateway", "gateway");
        SERVICES.put("nlu-service", "nlu");
        SERVICES.put("dialogue-service", "dialogue");
        SERVICES.put("knowledge-service", "knowledge");
        SERVICES.put("handoff-service", "handoff");
        SERVICES.put("analytics-service", "analytics");
    }

    /** An AES-256 key (hex) for the secrets the services encrypt at rest, for this test only. */
    private static final String E2E_AES_KEY = "6c696e6778692d6532652d7465737420" + "6b65792d6e6f742d7365637265742121";

    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final PostgresServer.Endpoint database;
    private Path logDir;

    private LingxiSuite(PostgresServer.Endpoint database) {
        this.database = database;
    }

    static LingxiSuite start() {
        Path repoRoot = Path.of(System.getProperty("lingxi.repo.root", "../..")).toAbsolutePath().normalize();
        Path logDir = repoRoot.resolve("platform/e2e-tests/target/e2e-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String bootstrap = KafkaBroker.bootstrapServers();
        PostgresServer.Endpoint server = PostgresServer.endpoint();
        LingxiSuite suite = new LingxiSuite(server);
        suite.logDir = logDir;
        SERVICES.forEach((module, shortName) -> {
            String databaseName = "e2e_" + shortName;
            PostgresServer.freshDatabase(databaseName);
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            // a killed consumer's partitions move to its successor within seconds, not the default 45 s
            env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
            env.put("QUARKUS_DATASOURCE_USERNAME", server.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", server.password());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(databaseName));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(databaseName));
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestJwt.publicKeyFile().toString());
            env.put("MP_JWT_VERIFY_ISSUER", TestJwt.ISSUER);
            env.put("LINGXI_GATEWAY_DEMO_CHANNEL_KEY", DEMO_CHANNEL_KEY);
            env.put("LINGXI_KNOWLEDGE_INDEX_PATH", logDir.resolveSibling("e2e-knowledge-index").toString());
            env.put("LINGXI_ANALYTICS_HASH_SECRET", "e2e-analytics-hash-secret");
            env.put("LINGXI_GATEWAY_SECRETS_KEY", E2E_AES_KEY);
            env.put("LINGXI_DIALOGUE_CONNECTOR_SECRET_KEY", E2E_AES_KEY);
            // handoff-service issues agents' tokens with the key the services verify
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", TestJwt.privateKeyFile().toString());
            env.put("SMALLRYE_JWT_NEW_TOKEN_ISSUER", TestJwt.ISSUER);
            if (suite.processes.containsKey("knowledge-service")) {
                env.put("LINGXI_HANDOFF_KNOWLEDGE_URL", suite.processes.get("knowledge-service").baseUrl());
            }
            suite.processes.put(module, new ServiceProcess(repoRoot, module, freePort(), logDir, env));
        });
        suite.processes.values().forEach(ServiceProcess::start);
        suite.processes.values().forEach(p -> p.awaitReady(Duration.ofSeconds(120)));
        return suite;
    }

    ServiceProcess service(String module) {
        return processes.get(module);
    }

    /** Starts a second process of {@code module} with the same configuration (database, broker, groups). */
    ServiceProcess startReplica(String module) {
        ServiceProcess replica = service(module).replica(logDir, module + "-replica", freePort());
        replica.start();
        replica.awaitReady(Duration.ofSeconds(120));
        return replica;
    }

    String url(String module) {
        return service(module).baseUrl();
    }

    /** The JDBC URL of a service's database, to check what it persisted. */
    String jdbcUrl(String shortName) {
        return database.jdbcUrl("e2e_" + shortName);
    }

    PostgresServer.Endpoint database() {
        return database;
    }

    void stop() {
        List<ServiceProcess> running = new ArrayList<>(processes.values());
        Collections.reverse(running);
        running.forEach(ServiceProcess::stop);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
