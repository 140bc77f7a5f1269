package io.lingxi.nlu.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Training data files: JSON ({@code [{"text", "intent"}]}), TSV ({@code text<TAB>intent} per line) and Rasa-style
 * YAML ({@code nlu: [{intent, examples: "- text\n- text"}]}). Reading checks the data and reports by line:
 * not UTF-8, unreadable lines, empty texts, invalid intent names, the same text labelled with two intents (in
 * the file or against {@code existing} examples) are errors; repeated examples are skipped and reported.
 */
public final class TrainingDataFormats {

    public static final String JSON = "json";
    public static final String TSV = "tsv";
    public static final String YAML = "yaml";

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** One finding; {@code line} is 1-based, 0 when it concerns the whole file. */
    public record Finding(int line, String message) {
    }

    /** What a file holds: the examples to add, the errors (nothing is imported then) and skipped duplicates. */
    public record Parsed(List<LabeledText> examples, List<Finding> errors, List<Finding> duplicates) {
    }

    private record Line(int line, String text, String intent) {
    }

    private TrainingDataFormats() {
    }

    /** The finding for a file that {@link #utf8} cannot read. */
    public static final String NOT_UTF8 = "the file is not UTF-8 text; save it as UTF-8";

    /**
     * An uploaded file's text, strictly decoded as UTF-8, without the byte-order mark Excel writes; empty when the
     * bytes are not UTF-8.
     */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            String content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(content.startsWith("\uFEFF") ? content.substring(1) : content);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** @param existing normalised text → intent of the examples already stored */
    public static Parsed read(byte[] bytes, String format, Map<String, String> existing) {
        Optional<String> text = utf8(bytes);
        if (text.isEmpty()) {
            return new Parsed(List.of(), List.of(new Finding(0, NOT_UTF8)), List.of());
        }
        String content = text.get();
        List<Finding> errors = new ArrayList<>();
        List<Line> lines = switch (format) {
            case TSV -> tsv(content, errors);
            case JSON -> json(content, errors);
            case YAML -> yaml(content, errors);
            default -> throw new IllegalArgumentException("format " + format);
        };
        return check(lines, errors, existing);
    }

    private static Parsed check(List<Line> lines, List<Finding> errors, Map<String, String> existing) {
        List<Finding> duplicates = new ArrayList<>();
        List<LabeledText> examples = new ArrayList<>();
        Map<String, Line> seen = new HashMap<>();
        for (Line line : lines) {
            if (line.text() == null || line.text().isBlank()) {
                errors.add(new Finding(line.line(), "the text is empty"));
                continue;
            }
            if (line.text().length() > 2000) {
                errors.add(new Finding(line.line(), "the text is longer than 2000 characters"));
                continue;
            }
            if (line.intent() == null || !line.intent().matches("[\\p{L}\\p{N}_.\\-]{1,100}")) {
                errors.add(new Finding(line.line(), "the intent must be 1-100 letters, digits, '_', '.' or '-'"
                        + (line.intent() == null ? "" : " (got '" + abbreviate(line.intent()) + "')")));
                continue;
            }
            String key = TextNormalizer.normalize(line.text());
            Line earlier = seen.putIfAbsent(key, line);
            String stored = existing.get(key);
            if (earlier != null && !earlier.intent().equals(line.intent())) {
                errors.add(new Finding(line.line(), "'" + abbreviate(line.text()) + "' is labelled '" + line.intent()
                        + "' here and '" + earlier.intent() + "' on line " + earlier.line()));
            } else if (stored != null && !stored.equals(line.intent())) {
                errors.add(new Finding(line.line(), "'" + abbreviate(line.text()) + "' is labelled '" + line.intent()
                        + "' here but is already an example of '" + stored + "'"));
            } else if (earlier != null) {
                duplicates.add(new Finding(line.line(), "repeats line " + earlier.line() + "; skipped"));
            } else if (stored != null) {
                duplicates.add(new Finding(line.line(), "already an example of '" + stored + "'; skipped"));
            } else {
                examples.add(new LabeledText(line.text().strip(), line.intent()));
            }
        }
        return new Parsed(errors.isEmpty() ? examples : List.of(), errors, duplicates);
    }

    private static List<Line> tsv(String content, List<Finding> errors) {
        List<Line> lines = new ArrayList<>();
        String[] rows = content.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i];
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            int tab = row.lastIndexOf('\t');
            if (tab < 0) {
                errors.add(new Finding(i + 1, "expected text<TAB>intent"));
                continue;
            }
            lines.add(new Line(i + 1, row.substring(0, tab), row.substring(tab + 1).strip()));
        }
        return lines;
    }

    private static List<Line> json(String content, List<Finding> errors) {
        List<Line> lines = new ArrayList<>();
        try (JsonParser parser = JSON_MAPPER.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                errors.add(new Finding(1, "expected a JSON array of {\"text\", \"intent\"} objects"));
                return lines;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentLocation().getLineNr();
                JsonNode node = JSON_MAPPER.readTree(parser);
                lines.add(new Line(line, text(node.get("text")), text(node.get("intent"))));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                errors.add(new Finding(parser.currentLocation().getLineNr(),
                        "expected a {\"text\", \"intent\"} object"));
            }
        } catch (IOException e) {
            errors.add(new Finding(lineOf(e), "not valid JSON"));
        }
        return lines;
    }

    private static List<Line> yaml(String content, List<Finding> errors) {
        List<Line> lines = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML_MAPPER.readTree(content);
        } catch (IOException e) {
            errors.add(new Finding(lineOf(e), "not valid YAML"));
            return lines;
        }
        JsonNode nlu = root == null ? null : root.get("nlu");
        if (nlu == null || !nlu.isArray()) {
            errors.add(new Finding(1, "expected 'nlu:' with a list of {intent, examples} entries"));
            return lines;
        }
        // Jackson's tree keeps no line numbers: find each intent's examples block in the text instead
        String[] rows = content.split("\r?\n", -1);
        int cursor = 0;
        for (JsonNode entry : nlu) {
            String intent = text(entry.get("intent"));
            String examples = text(entry.get("examples"));
            if (intent == null || examples == null) {
                continue; // synonyms, lookup tables and regexes are not intent examples
            }
            int at = cursor;
            String header = "\\s*-?\\s*intent:\\s*['\"]?" + java.util.regex.Pattern.quote(intent) + "['\"]?\\s*";
            while (at < rows.length && !rows[at].matches(header)) {
                at++;
            }
            int row = at < rows.length ? at : cursor;
            cursor = Math.min(rows.length, row + 1);
            for (String item : examples.split("\n")) {
                while (cursor < rows.length && !rows[cursor].strip().startsWith("- ")
                        && !rows[cursor].strip().equals("-")) {
                    cursor++;
                }
                int line = cursor + 1;
                cursor = Math.min(rows.length, cursor + 1);
                String text = item.strip();
                if (text.isEmpty()) {
                    continue;
                }
                text = text.startsWith("-") ? text.substring(1).strip() : text;
                lines.add(new Line(line, text, intent));
            }
        }
        return lines;
    }

    /** The examples as a file of the format. */
    public static byte[] write(List<LabeledText> examples, String format) {
        try {
            return switch (format) {
                case TSV -> {
                    StringBuilder out = new StringBuilder();
                    for (LabeledText e : examples) {
                        out.append(e.text().replace('\t', ' ').replace('\n', ' ')).append('\t').append(e.intent())
                                .append('\n');
                    }
                    yield out.toString().getBytes(StandardCharsets.UTF_8);
                }
                case JSON -> JSON_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(examples.stream()
                        .map(e -> Map.of("text", e.text(), "intent", e.intent())).toList());
                case YAML -> {
                    Map<String, StringBuilder> byIntent = new LinkedHashMap<>();
                    for (LabeledText e : examples) {
                        byIntent.computeIfAbsent(e.intent(), k -> new StringBuilder()).append("- ")
                                .append(e.text().replace('\n', ' ')).append('\n');
                    }
                    List<Map<String, String>> nlu = new ArrayList<>();
                    byIntent.forEach((intent, list) -> {
                        Map<String, String> entry = new LinkedHashMap<>();
                        entry.put("intent", intent);
                        entry.put("examples", list.toString());
                        nlu.add(entry);
                    });
                    Map<String, Object> root = new LinkedHashMap<>();
                    root.put("version", "3.1");
                    root.put("nlu", nlu);
                    yield YAML_MAPPER.writeValueAsBytes(root);
                }
                default -> throw new IllegalArgumentException("format " + format);
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static int lineOf(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                ? j.getLocation().getLineNr() : 0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
