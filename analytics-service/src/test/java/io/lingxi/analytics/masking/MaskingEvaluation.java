package io.lingxi.analytics.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the masker over the test set {@code masking-testset.tsv} and counts, per kind, what it found, missed and
 * masked by mistake. A value counts as found when a finding of its kind covers it and the masked text no longer
 * contains it; a finding that covers no expected value of its kind is a false positive.
 */
final class MaskingEvaluation {

    /** A value that must be masked. */
    record Expected(PersonalDataKind kind, String value) {
    }

    /** One line of the test set; {@code expected} is empty for a look-alike. */
    record Case(int line, String text, List<Expected> expected) {
    }

    /** Counts of one kind. */
    static final class Tally {
        int expected;
        int found;
        int falsePositives;

        double recall() {
            return expected == 0 ? 1.0 : (double) found / expected;
        }

        double precision() {
            int reported = found + falsePositives;
            return reported == 0 ? 1.0 : (double) found / reported;
        }
    }

    final Map<PersonalDataKind, Tally> tallies = new EnumMap<>(PersonalDataKind.class);
    final List<String> misses = new ArrayList<>();
    final List<String> falsePositives = new ArrayList<>();
    int lookAlikes;
    int lookAlikesTouched;

    static List<Case> testSet() {
        try (InputStream in = MaskingEvaluation.class.getResourceAsStream("/masking-testset.tsv")) {
            List<Case> cases = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 2) {
                    throw new IllegalStateException("line " + (i + 1) + " of the test set needs two columns: " + line);
                }
                List<Expected> expected = new ArrayList<>();
                if (!columns[1].equals("-")) {
                    for (String pair : columns[1].split(" ;; ")) {
                        int eq = pair.indexOf('=');
                        expected.add(new Expected(PersonalDataKind.parse(pair.substring(0, eq)), pair.substring(eq + 1)));
                    }
                }
                cases.add(new Case(i + 1, columns[0], expected));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MaskingEvaluation run(PersonalDataMasker masker, List<Case> cases) {
        MaskingEvaluation evaluation = new MaskingEvaluation();
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            evaluation.tallies.put(kind, new Tally());
        }
        for (Case c : cases) {
            evaluation.add(masker, c);
        }
        return evaluation;
    }

    private void add(PersonalDataMasker masker, Case c) {
        MaskedText masked = masker.mask(c.text(), MaskingPolicy.ALL_TAGGED);
        if (c.expected().isEmpty()) {
            lookAlikes++;
            if (!masked.text().equals(c.text())) {
                lookAlikesTouched++;
            }
        }
        List<int[]> spans = new ArrayList<>();
        for (Expected e : c.expected()) {
            int start = c.text().indexOf(e.value());
            if (start < 0) {
                throw new IllegalStateException("line " + c.line() + ": '" + e.value() + "' is not in the text");
            }
            int end = start + e.value().length();
            spans.add(new int[] { start, end });
            Tally tally = tallies.get(e.kind());
            tally.expected++;
            boolean covered = masked.findings().stream()
                    .anyMatch(f -> f.kind() == e.kind() && f.start() <= start && f.end() >= end);
            if (covered && !masked.text().contains(e.value())) {
                tally.found++;
            } else {
                misses.add("line " + c.line() + " " + e.kind() + " '" + e.value() + "' → " + masked.text());
            }
        }
        for (Finding f : masked.findings()) {
            boolean expected = false;
            for (int i = 0; i < spans.size(); i++) {
                int[] span = spans.get(i);
                expected |= c.expected().get(i).kind() == f.kind() && f.start() < span[1] && span[0] < f.end();
            }
            if (!expected) {
                tallies.get(f.kind()).falsePositives++;
                falsePositives.add("line " + c.line() + " " + f.kind() + " '" + c.text().substring(f.start(), f.end())
                        + "' in: " + c.text());
            }
        }
    }

    double overallRecall() {
        int expected = tallies.values().stream().mapToInt(t -> t.expected).sum();
        int found = tallies.values().stream().mapToInt(t -> t.found).sum();
        return (double) found / expected;
    }

    double overallPrecision() {
        int found = tallies.values().stream().mapToInt(t -> t.found).sum();
        int wrong = tallies.values().stream().mapToInt(t -> t.falsePositives).sum();
        return (double) found / (found + wrong);
    }

    String report() {
        StringBuilder out = new StringBuilder("Masking test set: precision and recall per kind\n");
        out.append(String.format("%-10s %8s %6s %6s %9s %7s%n", "kind", "expected", "found", "wrong", "precision", "recall"));
        tallies.forEach((kind, t) -> out.append(String.format("%-10s %8d %6d %6d %8.1f%% %6.1f%%%n", kind, t.expected,
                t.found, t.falsePositives, 100 * t.precision(), 100 * t.recall())));
        out.append(String.format("%-10s %8s %6s %6s %8.1f%% %6.1f%%%n", "all", "", "", "", 100 * overallPrecision(),
                100 * overallRecall()));
        out.append(String.format("look-alikes (order numbers, prices, dates, tracking numbers, quantities): %d, "
                + "changed by mistake: %d%n", lookAlikes, lookAlikesTouched));
        misses.forEach(m -> out.append("  missed: ").append(m).append('\n'));
        falsePositives.forEach(m -> out.append("  false positive: ").append(m).append('\n'));
        return out.toString();
    }

    /** Prints the figures: {@code java -cp … io.lingxi.analytics.masking.MaskingEvaluation} (see the README). */
    public static void main(String[] args) {
        System.out.print(run(new PersonalDataMasker(), testSet()).report());
    }
}
