package io.lingxi.local;

import java.time.Duration;
import java.util.List;

/**
 * Creates what the services need and is missing: the databases (and, as superuser, the login role) on PostgreSQL,
 * and every topic plus its dead-letter topic on Kafka.
 *
 * <p>{@code --pg-host= --pg-port= --pg-user= [--pg-admin-user=] --kafka=}, the services' password in the
 * environment variable {@code LINGXI_PG_PASSWORD}. With {@code --pg-admin-user} (a superuser that logs in without a
 * password, as on the embedded server) the role is created too; without it the services' user creates its own
 * databases.
 */
public final class Provision {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Provision() {
    }

    public static void main(String[] args) {
        Tool.run("provision", args, arguments -> {
            String password = arguments.env("LINGXI_PG_PASSWORD");
            // Without --pg-admin-user the services' user provisions its own databases.
            String adminUser = arguments.get("pg-admin-user", arguments.get("pg-user"));
            String adminPassword = arguments.get("pg-admin-user", "").isEmpty() ? password : "";
            var server = new DatabaseProvisioner.Server(arguments.get("pg-host"), arguments.getInt("pg-port"),
                    adminUser, adminPassword);
            List<String> databases = new DatabaseProvisioner(server, WAIT).provision(arguments.get("pg-user"),
                    password, DatabaseProvisioner.DATABASES);
            System.out.println(databases.isEmpty()
                    ? "Databases: all " + DatabaseProvisioner.DATABASES.size() + " present."
                    : "Databases: created " + String.join(", ", databases) + ".");

            List<String> topics = new TopicProvisioner(arguments.get("kafka"), WAIT).provision();
            System.out.println(topics.isEmpty()
                    ? "Topics: all " + TopicProvisioner.required().size() + " present."
                    : "Topics: created " + topics.size() + " of " + TopicProvisioner.required().size() + ".");
        });
    }
}
