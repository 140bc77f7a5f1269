package io.lingxi.knowledge;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch 8.19 for the tests, started once per test JVM in a process of its own (its
 * Lucene and Jackson differ from the service's) on a free port with a temporary data directory, and stopped when
 * the JVM ends. The node is the Maven Central server jars plus a small launcher ({@code src/test/es-node}, built
 * by Maven into {@code target/es-node} the first time; see shared PLATFORM.md). Set the system property
 * {@code lingxi.test.elasticsearch.url} to use a running node instead.
 */
public final class ElasticsearchNode {

    static final String EXTERNAL_URL = "lingxi.test.elasticsearch.url";
    /** JVM options of the node; the default starts fast (C1 only), the benchmark asks for the full JIT. */
    static final String JAVA_OPTIONS = "lingxi.test.elasticsearch.java-options";
    static final String TEST_JAVA_OPTIONS = "-Xms256m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final long START_TIMEOUT_SECONDS = 120;

    private static String url;
    private static Process process;
    private static Path home;

    private ElasticsearchNode() {
    }

    /** The node's HTTP address, starting it when needed. */
    public static synchronized String url() {
        if (url != null) {
            return url;
        }
        String external = System.getProperty(EXTERNAL_URL);
        if (external != null && !external.isBlank()) {
            url = external;
            return url;
        }
        try {
            url = start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test Elasticsearch node", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ElasticsearchNode::stop, "elasticsearch-node-stop"));
        return url;
    }

    private static String start() throws IOException {
        Path module = moduleDirectory();
        Path nodeDir = module.resolve("target/es-node");
        Path jar = nodeDir.resolve("build/es-node.jar");
        if (!Files.exists(jar) || !Files.isDirectory(nodeDir.resolve("lib"))
                || Files.getLastModifiedTime(jar).toMillis() < newestSource(module.resolve("src/test/es-node"))) {
            build(module);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        home = Files.createTempDirectory("lingxi-es-node");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jar + File.pathSeparator + nodeDir.resolve("lib") + File.separator + "*";
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(System.getProperty(JAVA_OPTIONS, TEST_JAVA_OPTIONS).trim().split("\\s+")));
        command.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.disable.jmx=true", "-cp", classpath,
                "org.elasticsearch.node.LingxiTestNode", home.toString(), Integer.toString(port)));
        Path log = nodeDir.resolve("node-" + port + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    out.flush();
                    if (line.startsWith("LINGXI-ES-READY")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the node is gone
            }
            ready.complete(false);
        }, "elasticsearch-node-log");
        reader.setDaemon(true);
        reader.start();
        boolean started;
        try {
            started = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            started = false;
        }
        if (!started) {
            stop();
            throw new IllegalStateException("the test Elasticsearch node did not start; see " + log);
        }
        return "http://127.0.0.1:" + port;
    }

    /** Builds the node launcher and copies the server's jars, with the Maven that runs this build. */
    private static void build(Path module) throws IOException {
        Path wrapper = module.getParent().resolve("mvnw");
        List<String> command = new ArrayList<>(List.of(Files.exists(wrapper) ? wrapper.toString() : "mvn", "-B", "-q",
                "-f", module.resolve("src/test/es-node/pom.xml").toString(), "package"));
        Process build = new ProcessBuilder(command).directory(module.toFile()).inheritIO().start();
        try {
            if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
                throw new IllegalStateException("building the test Elasticsearch node failed: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the test Elasticsearch node", e);
        }
    }

    /** When the launcher's sources (or pom) last changed: a jar older than that is rebuilt. */
    private static long newestSource(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().lastModified()).max().orElse(0);
        }
    }

    private static Path moduleDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        if (Files.isDirectory(dir.resolve("src/test/es-node"))) {
            return dir;
        }
        if (Files.isDirectory(dir.resolve("knowledge-service/src/test/es-node"))) {
            return dir.resolve("knowledge-service");
        }
        throw new IllegalStateException("run the tests from the knowledge-service module or the repository root");
    }

    private static synchronized void stop() {
        if (process != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.flush();
            } catch (IOException e) {
                // already closed: the node stops anyway
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp directory: the OS cleans it eventually
            }
            home = null;
        }
        url = null;
    }
}
