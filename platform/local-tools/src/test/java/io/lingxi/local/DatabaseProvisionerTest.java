package io.lingxi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lingxi.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real (embedded) PostgreSQL, where the test logs in as the superuser, like up does on its own server. */
class DatabaseProvisionerTest {

    private static final List<String> DATABASES = List.of("lx_tools_a", "lx_tools_b");
    private static final String USER = "lx_tools_user";
    private static final String PLAIN_USER = "lx_tools_plain";

    private final PostgresServer.Endpoint server = PostgresServer.endpoint();

    @BeforeEach
    void noLeftovers() throws SQLException {
        asSuperuser("DROP DATABASE IF EXISTS lx_tools_a WITH (FORCE)", "DROP DATABASE IF EXISTS lx_tools_b WITH (FORCE)",
                "DROP ROLE IF EXISTS " + USER, "DROP ROLE IF EXISTS " + PLAIN_USER);
    }

    @Test
    void createsTheRoleAndDatabasesItOwnsThenLeavesThemAndTheirDataAlone() throws SQLException {
        DatabaseProvisioner provisioner = asAdmin(server.user(), server.password());

        assertThat(provisioner.provision(USER, "s3cret'quote", DATABASES)).containsExactlyElementsOf(DATABASES);

        for (String database : DATABASES) {
            assertThat(ownerAndEncoding(database)).isEqualTo(USER + " UTF8");
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("lx_tools_a"), USER, "s3cret'quote");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE greeting (text varchar(20))");
            statement.execute("INSERT INTO greeting VALUES ('你好')");
        }

        assertThat(provisioner.provision(USER, "s3cret'quote", DATABASES)).isEmpty();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("lx_tools_a"), USER, "s3cret'quote");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT text FROM greeting")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("你好");
        }
    }

    @Test
    void asTheServicesOwnUserItNeedsCreatedbAndSaysSo() throws SQLException {
        asSuperuser("CREATE ROLE " + PLAIN_USER + " LOGIN PASSWORD 'plain'");
        DatabaseProvisioner provisioner = asAdmin(PLAIN_USER, "plain");

        assertThatThrownBy(() -> provisioner.provision(PLAIN_USER, "plain", DATABASES))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("may not create databases")
                .hasMessageContaining("CREATEDB");
        assertThat(ownerAndEncoding("lx_tools_a")).isNull();

        asSuperuser("ALTER ROLE " + PLAIN_USER + " CREATEDB");
        assertThat(provisioner.provision(PLAIN_USER, "plain", DATABASES)).containsExactlyElementsOf(DATABASES);
        assertThat(ownerAndEncoding("lx_tools_b")).isEqualTo(PLAIN_USER + " UTF8");
    }

    @Test
    void aUserWhoIsNotSuperuserCannotSetUpAnotherUser() throws SQLException {
        asSuperuser("CREATE ROLE " + PLAIN_USER + " LOGIN CREATEDB PASSWORD 'plain'");

        assertThatThrownBy(() -> asAdmin(PLAIN_USER, "plain").provision(USER, "x", DATABASES))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("is not a superuser");
        assertThat(ownerAndEncoding("lx_tools_a")).isNull();
    }

    @Test
    void refusesNamesThatWouldNotBePlainIdentifiers() throws SQLException {
        DatabaseProvisioner provisioner = asAdmin(server.user(), server.password());

        assertThatThrownBy(() -> provisioner.provision("lingxi; DROP ROLE postgres", "x", DATABASES))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("lower-case letters");
        assertThatThrownBy(() -> provisioner.provision(USER, "x", List.of("Lingxi-Gateway")))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("'Lingxi-Gateway'");
        assertThat(ownerAndEncoding("lx_tools_a")).isNull();
    }

    @Test
    void theLoginCheckTellsAWorkingLoginFromARefusedOneAndFromNoServer() {
        assertThat(PostgresLoginCheck.check(server.host(), server.port(), server.user(), server.password()))
                .isEqualTo(PostgresLoginCheck.OK);
        assertThat(PostgresLoginCheck.check(server.host(), server.port(), "no_such_role", "x"))
                .isEqualTo(PostgresLoginCheck.REFUSED);
        assertThat(PostgresLoginCheck.check("127.0.0.1", 1, "lingxi", "lingxi"))
                .isEqualTo(PostgresLoginCheck.NO_SERVER);
    }

    @Test
    void givesUpWithAClearMessageWhenNothingAnswers() {
        DatabaseProvisioner provisioner = new DatabaseProvisioner(
                new DatabaseProvisioner.Server("127.0.0.1", 1, "postgres", ""), Duration.ofMillis(500));

        assertThatThrownBy(() -> provisioner.provision(USER, "x", DATABASES))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("Could not set up the databases on PostgreSQL at 127.0.0.1:1.");
    }

    private DatabaseProvisioner asAdmin(String user, String password) {
        return new DatabaseProvisioner(new DatabaseProvisioner.Server(server.host(), server.port(), user, password),
                Duration.ofSeconds(10));
    }

    private void asSuperuser(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** "owner encoding" of the database, or null when it does not exist. */
    private String ownerAndEncoding(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password());
                PreparedStatement statement = connection.prepareStatement("SELECT pg_get_userbyid(datdba) || ' ' || "
                        + "pg_encoding_to_char(encoding) FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
