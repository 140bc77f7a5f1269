package io.lingxi.analytics.masking;

import java.util.List;

/**
 * Throughput of the masker on one thread over the texts of the masking test set (a benchmark, not a test):
 * {@code java -cp analytics-service/target/classes:analytics-service/target/test-classes
 * io.lingxi.analytics.masking.MaskingBenchmark}.
 */
public final class MaskingBenchmark {

    private MaskingBenchmark() {
    }

    public static void main(String[] args) {
        List<String> texts = MaskingEvaluation.testSet().stream().map(MaskingEvaluation.Case::text).toList();
        PersonalDataMasker masker = new PersonalDataMasker();
        long chars = texts.stream().mapToLong(String::length).sum();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long sink = 0;
        for (int i = 0; i < rounds / 4; i++) { // warm-up
            for (String text : texts) {
                sink += masker.mask(text, MaskingPolicy.ALL_TAGGED).text().length();
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (String text : texts) {
                sink += masker.mask(text, MaskingPolicy.ALL_TAGGED).text().length();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long masked = (long) rounds * texts.size();
        System.out.printf("masked %d texts (%d distinct, average %.1f characters) in %.2f s on one thread:%n",
                masked, texts.size(), (double) chars / texts.size(), seconds);
        System.out.printf("  %.0f texts/s, %.1f µs per text, %.1f MB/s of UTF-16 text (checksum %d)%n",
                masked / seconds, seconds * 1e6 / masked, chars * 2.0 * rounds / seconds / 1e6, sink % 10);
    }
}
