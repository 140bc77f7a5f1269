package io.lingxi.knowledge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Gives the application a fresh, empty directory for its search indexes, removed when the tests end. */
public class IndexDirectoryTestResource implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("lingxi-knowledge-index");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("lingxi.knowledge.index-path", directory.toString());
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory: the OS cleans it eventually
        }
    }
}
