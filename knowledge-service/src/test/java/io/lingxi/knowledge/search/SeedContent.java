package io.lingxi.knowledge.search;

import io.lingxi.knowledge.domain.Faq;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo tenant's seed entries and synonyms read straight from the Flyway migrations (no database needed), so
 * benchmarks and quality tests measure exactly what is shipped.
 */
public final class SeedContent {

    static final List<String> MIGRATIONS = List.of("db/migration/V2__seed_demo_faq.sql",
            "db/migration/V3__knowledge_management.sql", "db/migration/V4__seed_demo_faq_more.sql");

    private SeedContent() {
    }

    public static List<Faq> entries() {
        List<Faq> faqs = new ArrayList<>();
        for (String migration : MIGRATIONS) {
            for (List<String> t : tuples(read(migration), "('demo-zh-", "('demo-en-")) {
                // id, tenant, question, similar, answer, language, category, status, valid_from, valid_until, …
                faqs.add(new Faq(t.get(0), t.get(1), t.get(2), jsonList(t.get(3)), t.get(4), t.get(5), t.get(6),
                        List.of(), Map.of(), "published".equals(t.get(7)), Instant.parse(t.get(8)),
                        t.get(9) == null ? null : Instant.parse(t.get(9))));
            }
        }
        return faqs;
    }

    public static SynonymDictionary synonyms() {
        List<List<String>> groups = new ArrayList<>();
        for (List<String> t : tuples(read("db/migration/V3__knowledge_management.sql"), "('demo-syn-")) {
            groups.add(jsonList(t.get(2)));
        }
        return new SynonymDictionary(groups);
    }

    /** Paraphrased test queries with the entry that answers each: query, relevant id. */
    public static List<String[]> paraphrases() {
        List<String[]> queries = new ArrayList<>();
        for (String line : read("benchmark/seed-queries.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            queries.add(line.split("\t"));
        }
        return queries;
    }

    private static String read(String resource) {
        try (InputStream in = SeedContent.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jsonList(String json) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while ((i = json.indexOf('"', i)) >= 0) {
            int end = json.indexOf('"', i + 1);
            values.add(json.substring(i + 1, end));
            i = end + 1;
        }
        return values;
    }

    /** The SQL value tuples that start with one of {@code starts}: quoted strings unescaped, NULL as null. */
    static List<List<String>> tuples(String sql, String... starts) {
        List<List<String>> tuples = new ArrayList<>();
        int i = 0;
        while (true) {
            int next = -1;
            for (String start : starts) {
                int at = sql.indexOf(start, i);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                }
            }
            if (next < 0) {
                return tuples;
            }
            List<String> values = new ArrayList<>();
            int p = next + 1;
            StringBuilder bare = new StringBuilder();
            while (p < sql.length()) {
                char c = sql.charAt(p);
                if (c == '\'') {
                    StringBuilder value = new StringBuilder();
                    p++;
                    while (true) {
                        char d = sql.charAt(p);
                        if (d == '\'' && p + 1 < sql.length() && sql.charAt(p + 1) == '\'') {
                            value.append('\'');
                            p += 2;
                        } else if (d == '\'') {
                            p++;
                            break;
                        } else {
                            value.append(d);
                            p++;
                        }
                    }
                    values.add(value.toString());
                    bare.setLength(0);
                } else if (c == ',' || c == ')') {
                    String token = bare.toString().strip();
                    if (!token.isEmpty()) {
                        values.add(token.equalsIgnoreCase("NULL") ? null : token);
                    }
                    bare.setLength(0);
                    p++;
                    if (c == ')' && !token.equals("now(")) {
                        break;
                    }
                } else {
                    bare.append(c);
                    p++;
                }
            }
            tuples.add(values);
            i = p;
        }
    }
}
