package io.lingxi.knowledge.search;

import io.lingxi.knowledge.ElasticsearchNode;
import io.lingxi.knowledge.domain.Faq;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What keeping several Elasticsearch-backed instances in step costs: the check a search makes (at most every
 * {@code recheck-every}) to see whether another instance changed the tenant's index, and search latency with the
 * check on every search versus at most once a second. Prints figures; run with {@code bench.sh es-recheck}.
 */
public final class ElasticsearchRecheckBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private ElasticsearchRecheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        String url = ElasticsearchNode.url();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(42);
        List<Faq> faqs = KnowledgeBenchmark.GeneratedEntries.generate(count, random);
        List<String> queries = KnowledgeBenchmark.GeneratedEntries.queries(faqs, rounds, random);
        try (ElasticsearchSearchBackend every = ElasticsearchSearchBackend.connect(url, prefix, 0, Duration.ZERO);
                ElasticsearchSearchBackend perSecond = ElasticsearchSearchBackend.connect(url, prefix, 0,
                        Duration.ofSeconds(1));
                ElasticsearchSearchBackend writer = ElasticsearchSearchBackend.connect(url, prefix, 0)) {
            long start = System.nanoTime();
            writer.replaceAll("bench", faqs, "bench");
            System.out.printf("Elasticsearch at %s, %d entries indexed in %.1f s%n", url, count,
                    (System.nanoTime() - start) / 1e9);
            String alias = writer.alias("bench");
            long[] checks = new long[rounds];
            for (int i = 0; i < 200; i++) {
                writer.storedVersion(alias);
            }
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                writer.storedVersion(alias);
                checks[i] = System.nanoTime() - t;
            }
            print("Change check (index stats: concrete index + local checkpoint)", checks);
            print("Search, check on every search", latencies(every, queries));
            print("Search, check at most once a second", latencies(perSecond, queries));

            for (int round = 0; round < 3; round++) {
                writer.upsert("bench", faqs.get(round));
                long t0 = System.nanoTime();
                every.search("bench", queries.get(0), NOW, 5);
                System.out.printf("First search after another instance's upsert (catch-up: the changed documents "
                        + "only): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            }
            writer.delete("bench", faqs.get(5).id());
            long t0 = System.nanoTime();
            every.search("bench", queries.get(0), NOW, 5);
            System.out.printf("First search after another instance's delete (ids of %d entries read, no sources): %.0f ms%n",
                    count - 1, (System.nanoTime() - t0) / 1e6);
            writer.drop("bench");
        }
        System.exit(0);
    }

    private static long[] latencies(ElasticsearchSearchBackend backend, List<String> queries) {
        for (int i = 0; i < Math.min(500, queries.size()); i++) {
            backend.search("bench", queries.get(i), NOW, 5);
        }
        long[] latencies = new long[queries.size()];
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            backend.search("bench", queries.get(i), NOW, 5);
            latencies[i] = System.nanoTime() - t;
        }
        return latencies;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s, %d calls: mean %.2f ms, p50 %.2f ms, p99 %.2f ms%n", what, sorted.length,
                Arrays.stream(sorted).average().orElse(0) / 1e6, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6);
    }
}
