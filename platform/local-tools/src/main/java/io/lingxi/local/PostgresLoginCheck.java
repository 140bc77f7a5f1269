package io.lingxi.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * {@code --host= --port= --user=} with the password in the environment variable {@code LINGXI_PG_PASSWORD} (kept off
 * the command line): exit code 0 when the credentials log in to the PostgreSQL server, 2 when nothing answers
 * there, 3 when it refuses them. Prints one line saying which.
 */
public final class PostgresLoginCheck {

    static final int OK = 0;
    static final int NO_SERVER = 2;
    static final int REFUSED = 3;

    private PostgresLoginCheck() {
    }

    static int check(String host, int port, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", props)) {
            return OK;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("3D000")) {
                return OK; // logged in; there is just no database called postgres
            }
            return state.startsWith("08") ? NO_SERVER : REFUSED;
        }
    }

    public static void main(String[] args) {
        Tool.run("postgres-check", args, arguments -> {
            String host = arguments.get("host");
            int port = arguments.getInt("port");
            String user = arguments.get("user");
            int result = check(host, port, user, arguments.env("LINGXI_PG_PASSWORD"));
            System.out.println(switch (result) {
                case OK -> "PostgreSQL at " + host + ":" + port + " accepts user '" + user + "'.";
                case NO_SERVER -> "No PostgreSQL answers at " + host + ":" + port + ".";
                default -> "PostgreSQL at " + host + ":" + port + " refuses user '" + user
                        + "' with the configured password.";
            });
            System.exit(result);
        });
    }
}
