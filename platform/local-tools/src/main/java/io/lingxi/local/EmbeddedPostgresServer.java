package io.lingxi.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code --data-dir=<folder> --port=<port>}: runs an embedded PostgreSQL 14 (io.zonky), listening on localhost
 * only, until this process gets SIGTERM, which stops the server cleanly. The data folder is made on first start
 * and kept: data survives restarts. The server's own output goes to this process's standard output.
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    public static void main(String[] args) {
        Tool.run("embedded-postgres", args, arguments -> {
            Path dataDir = Path.of(arguments.get("data-dir")).toAbsolutePath();
            int port = arguments.getInt("port");
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                        .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (Exception e) {
                throw new ToolFailure("Could not start the embedded PostgreSQL on port " + port + " with data in "
                        + dataDir + ".", e);
            }
            // EmbeddedPostgres registered a shutdown hook that runs "pg_ctl stop -m fast" on SIGTERM.
            System.out.println("Embedded PostgreSQL is ready on port " + postgres.getPort() + ", data in " + dataDir);
            System.out.flush();
            new CountDownLatch(1).await();
        });
    }
}
