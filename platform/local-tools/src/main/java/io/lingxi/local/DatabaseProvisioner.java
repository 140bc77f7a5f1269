package io.lingxi.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the login role and the services' databases on a PostgreSQL server, leaving existing databases alone.
 *
 * <p>Two ways in: as a superuser other than the services' user (the embedded server), which creates the role or
 * resets its password and makes it the owner of each new database; or as the services' own user (a server on
 * the machine), which only creates the databases it lacks and needs the CREATEDB privilege for that.
 */
public final class DatabaseProvisioner {

    /** The services' databases, one per service that keeps state (nlu gets one too, for later). */
    public static final List<String> DATABASES = List.of("lingxi_gateway", "lingxi_nlu", "lingxi_dialogue",
            "lingxi_knowledge", "lingxi_handoff", "lingxi_analytics");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A server and the account used to provision it. */
    public record Server(String host, int port, String adminUser, String adminPassword) {

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private final Server server;
    private final Duration waitForServer;

    public DatabaseProvisioner(Server server, Duration waitForServer) {
        this.server = server;
        this.waitForServer = waitForServer;
    }

    /**
     * Makes sure {@code user} can log in with {@code password} and owns a database of each name; returns the
     * databases it had to create.
     */
    public List<String> provision(String user, String password, List<String> databases) {
        requireIdentifier(user, "user name");
        databases.forEach(database -> requireIdentifier(database, "database name"));
        try (Connection connection = connect()) {
            // Logged in as the services' user: its role exists and is not ours to change.
            boolean manageRole = !server.adminUser().equals(user);
            if (manageRole) {
                if (!isSuperuser(connection)) {
                    throw new ToolFailure("PostgreSQL user '" + server.adminUser() + "' is not a superuser, so it "
                            + "cannot set up user '" + user + "'.");
                }
                ensureRole(connection, user, password);
            }
            List<String> created = new ArrayList<>();
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    createDatabase(connection, database, user, manageRole);
                    created.add(database);
                }
            }
            return created;
        } catch (SQLException e) {
            throw new ToolFailure("Could not set up the databases on PostgreSQL at " + server.host() + ":"
                    + server.port() + ".", e);
        }
    }

    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + waitForServer.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(server.jdbcUrl("postgres"), server.adminUser(),
                        server.adminPassword());
            } catch (SQLException e) {
                // 08xxx: no connection yet; 57P03: the server is still starting up
                boolean notYet = e.getSQLState() != null
                        && (e.getSQLState().startsWith("08") || e.getSQLState().equals("57P03"));
                if (!notYet || System.nanoTime() > deadline) {
                    throw e;
                }
                sleepBriefly();
            }
        }
    }

    private static boolean isSuperuser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static void ensureRole(Connection connection, String user, String password) throws SQLException {
        String verb = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user) ? "ALTER" : "CREATE";
        try (Statement statement = connection.createStatement()) {
            // DDL takes no bind parameters: the name is checked against IDENTIFIER, the password quoted as a literal.
            statement.execute(verb + " ROLE " + user + " LOGIN PASSWORD " + literal(password));
        }
    }

    private static void createDatabase(Connection connection, String database, String user, boolean setOwner)
            throws SQLException {
        // template0 + UTF8: Chinese text must survive even when the server's default encoding is SQL_ASCII.
        String sql = "CREATE DATABASE " + database + (setOwner ? " OWNER " + user : "")
                + " ENCODING 'UTF8' TEMPLATE template0";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new ToolFailure("PostgreSQL user '" + user + "' may not create databases: create " + database
                        + " owned by it, or grant it CREATEDB.", e);
            }
            throw e;
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void requireIdentifier(String name, String what) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new ToolFailure("The " + what + " '" + name + "' must be lower-case letters, digits and '_'.");
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("Interrupted while waiting for PostgreSQL.", e);
        }
    }
}
