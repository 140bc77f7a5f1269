package io.lingxi.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL for tests: an embedded server (io.zonky, PostgreSQL 14) started once per JVM. With the
 * system property {@value #EXTERNAL_HOST_PROPERTY} (and optionally {@code lingxi.test.postgres.port},
 * {@code .user}, {@code .password}) tests use that server instead. Each caller gets a fresh database.
 */
public final class PostgresServer {

    public static final String EXTERNAL_HOST_PROPERTY = "lingxi.test.postgres.host";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** Where the server answers and how to log in. */
    public record Endpoint(String host, int port, String user, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static Endpoint endpoint;
    private static EmbeddedPostgres embedded;

    private PostgresServer() {
    }

    public static synchronized Endpoint endpoint() {
        if (endpoint == null) {
            String host = System.getProperty(EXTERNAL_HOST_PROPERTY, "");
            endpoint = host.isBlank() ? startEmbedded() : new Endpoint(host,
                    Integer.getInteger("lingxi.test.postgres.port", 5432),
                    System.getProperty("lingxi.test.postgres.user", "postgres"),
                    System.getProperty("lingxi.test.postgres.password", ""));
        }
        return endpoint;
    }

    /** Drops {@code name} if it exists and creates it empty; returns the server's endpoint. */
    public static Endpoint freshDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        Endpoint server = endpoint();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        return server;
    }

    private static Endpoint startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stop, "postgres-test-stop"));
            return new Endpoint("127.0.0.1", embedded.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is exiting; nothing useful to do
            }
            embedded = null;
        }
    }
}
