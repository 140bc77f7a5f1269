package io.lingxi.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh database on the shared test server (see
 * {@link PostgresServer}). Init argument {@code database} names it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "lingxi_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer.Endpoint server = PostgresServer.freshDatabase(database);
        return Map.of(
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.reactive.url", server.reactiveUrl(database));
    }

    @Override
    public void stop() {
        // the database stays for inspection; the server stops when the JVM exits
    }
}
