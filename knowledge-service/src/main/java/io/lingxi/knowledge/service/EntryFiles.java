package io.lingxi.knowledge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lingxi.knowledge.api.EntryRequest;
import io.lingxi.knowledge.domain.FaqEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes FAQ entries as JSON Lines and as CSV (UTF-8, with or without the byte-order mark Excel writes).
 * CSV columns: {@link #CSV_HEADER}; list cells separate values with {@code |}; {@code answerVariants} is a JSON
 * object; times are ISO-8601 instants. Every parsed row keeps the line it starts on, for the import report.
 */
public final class EntryFiles {

    public static final List<String> CSV_HEADER = List.of("id", "question", "similarQuestions", "answer", "language",
            "category", "tags", "keywords", "status", "validFrom", "validUntil", "answerVariants");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /** One row of a file: the entry, or why it could not be read. */
    public record Row(int line, EntryRequest entry, String error) {
    }

    private EntryFiles() {
    }

    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    public static List<Row> readJsonLines(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = withoutBom(text).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rows.add(new Row(i + 1, JSON.readValue(line, EntryRequest.class), null));
            } catch (JsonProcessingException e) {
                rows.add(new Row(i + 1, null, "not a JSON object of an entry: " + e.getOriginalMessage()));
            }
        }
        return rows;
    }

    public static List<Row> readCsv(String text) {
        List<Row> rows = new ArrayList<>();
        List<CsvRecord> records = parseCsv(withoutBom(text));
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0).cells().stream().map(String::strip).toList();
        List<String> missing = new ArrayList<>(List.of("question", "answer", "language"));
        missing.removeAll(header);
        if (!missing.isEmpty()) {
            rows.add(new Row(1, null, "the header lacks the columns " + missing + "; expected " + CSV_HEADER));
            return rows;
        }
        for (CsvRecord record : records.subList(1, records.size())) {
            if (record.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            if (record.cells().size() > header.size()) {
                rows.add(new Row(record.line(), null, "has " + record.cells().size() + " cells but the header has "
                        + header.size()));
                continue;
            }
            try {
                rows.add(new Row(record.line(), entryOf(header, record.cells()), null));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(record.line(), null, e.getMessage()));
            }
        }
        return rows;
    }

    private static EntryRequest entryOf(List<String> header, List<String> cells) {
        java.util.function.Function<String, String> cell = name -> {
            int i = header.indexOf(name);
            String value = i < 0 || i >= cells.size() ? null : cells.get(i);
            return value == null || value.isBlank() ? null : value.strip();
        };
        return new EntryRequest(cell.apply("id"), cell.apply("question"), list(cell.apply("similarQuestions")),
                cell.apply("answer"), cell.apply("language"), cell.apply("category"), list(cell.apply("tags")),
                list(cell.apply("keywords")), variants(cell.apply("answerVariants")), cell.apply("status"),
                instant("validFrom", cell.apply("validFrom")), instant("validUntil", cell.apply("validUntil")), null);
    }

    private static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> variants(String cell) {
        if (cell == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(cell, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("answerVariants: must be a JSON object such as {\"phone\": \"…\"}");
        }
    }

    private static Instant instant(String column, String cell) {
        if (cell == null) {
            return null;
        }
        try {
            return Instant.parse(cell);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": must be an ISO-8601 instant such as 2026-01-31T16:00:00Z");
        }
    }

    record CsvRecord(int line, List<String> cells) {
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<CsvRecord> parseCsv(String text) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r') {
                // part of \r\n
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                records.add(new CsvRecord(recordLine, List.copyOf(cells)));
                cells.clear();
                any = false;
                line++;
                recordLine = line;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(new CsvRecord(recordLine, List.copyOf(cells)));
        }
        return records;
    }

    public static String toJsonLines(List<FaqEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (FaqEntry e : entries) {
            try {
                out.append(JSON.writeValueAsString(request(e))).append('\n');
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out.toString();
    }

    /** CSV with a byte-order mark, so that Excel opens the Chinese text as UTF-8. */
    public static String toCsv(List<FaqEntry> entries) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", CSV_HEADER)).append("\r\n");
        for (FaqEntry e : entries) {
            List<String> cells;
            try {
                cells = List.of(e.id, e.question, String.join(" | ", e.similarQuestions), e.answer, e.language,
                        e.category == null ? "" : e.category, String.join(" | ", e.tags),
                        String.join(" | ", e.keywords), e.status, e.validFrom == null ? "" : e.validFrom.toString(),
                        e.validUntil == null ? "" : e.validUntil.toString(),
                        e.answerVariants.isEmpty() ? "" : JSON.writeValueAsString(e.answerVariants));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            out.append(String.join(",", cells.stream().map(EntryFiles::quote).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    static EntryRequest request(FaqEntry e) {
        return new EntryRequest(e.id, e.question, e.similarQuestions, e.answer, e.language, e.category, e.tags,
                e.keywords, e.answerVariants, e.status, e.validFrom, e.validUntil, null);
    }
}
