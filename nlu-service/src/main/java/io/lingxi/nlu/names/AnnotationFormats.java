package io.lingxi.nlu.names;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.nlu.model.TrainingDataFormats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads annotated examples, in OpenNLP's inline form ({@code 我想买<START:product> 小米14 <END>}, one sentence a
 * line) or as JSON with character offsets ({@code {"text", "entities": [{"type", "start", "end"}]}}), and says
 * exactly what is wrong with each bad one: unbalanced or malformed tags, empty names, offsets outside the text,
 * overlapping names, names that cut a word in two, invalid type names.
 */
public final class AnnotationFormats {

    public static final int MAX_TEXT = 2000;
    public static final String TYPE_NAME = "[\\p{L}\\p{N}_.]{1,100}";
    private static final Pattern TAG = Pattern.compile("<\\s*(/?)(start|end)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern START_TYPE = Pattern.compile(":(" + TYPE_NAME + ")");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One problem, at a line (inline text) or an item (JSON, 1-based); 0 means the whole file. */
    public record Finding(String where, String message) {
    }

    /** One example read, or why it cannot be. */
    public record Read(AnnotatedExample example, List<String> errors) {
    }

    /** What a file held: its examples (when there is no error), its errors, and repeats that were skipped. */
    public record Parsed(List<AnnotatedExample> examples, List<Finding> errors, List<Finding> duplicates) {
    }

    private AnnotationFormats() {
    }

    /** One sentence in the inline form. */
    public static Read inline(String line) {
        List<String> errors = new ArrayList<>();
        if (line == null || line.isBlank()) {
            return new Read(null, List.of("the text is empty"));
        }
        StringBuilder text = new StringBuilder();
        List<AnnotatedExample.Annotation> entities = new ArrayList<>();
        String openType = null;
        int openAt = -1;
        int at = 0;
        Matcher tag = TAG.matcher(line);
        while (tag.find()) {
            text.append(line, at, tag.start());
            at = tag.end();
            String raw = tag.group();
            boolean start = tag.group(2).equalsIgnoreCase("start");
            if (start && (raw.startsWith("<START") && tag.group(1).isEmpty())) {
                Matcher type = START_TYPE.matcher(tag.group(3));
                if (!type.matches()) {
                    errors.add(tag.group(3).isBlank()
                            ? raw + " names no entity type; write e.g. <START:product>"
                            : raw + " has an invalid entity type: use 1-100 letters, digits, '_' or '.'");
                    continue;
                }
                if (openType != null) {
                    errors.add(raw + " opens a name inside the open <START:" + openType + ">; close it with <END> first");
                    continue;
                }
                openType = type.group(1);
                while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                    at++; // the space after <START:type> belongs to the tag
                }
                openAt = text.length();
            } else if (!start && raw.equals("<END>")) {
                if (openType == null) {
                    errors.add("<END> without a <START:type> before it");
                    continue;
                }
                int end = text.length();
                while (end > openAt && Character.isWhitespace(text.charAt(end - 1))) {
                    end--; // and so does the space before <END>
                }
                text.setLength(end);
                if (end == openAt) {
                    errors.add("<START:" + openType + "> <END> marks an empty name");
                } else {
                    entities.add(new AnnotatedExample.Annotation(openType, openAt, end));
                }
                openType = null;
            } else {
                errors.add(raw + " is not a tag this format knows; names are marked <START:type> name <END>");
            }
        }
        text.append(line.substring(at));
        if (openType != null) {
            errors.add("<START:" + openType + "> is never closed with <END>");
        }
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        return check(text.toString(), entities);
    }

    /** One sentence given by offsets: the names are trimmed of surrounding whitespace, then checked. */
    public static Read offsets(String text, List<AnnotatedExample.Annotation> given) {
        if (text == null || text.isBlank()) {
            return new Read(null, List.of("the text is empty"));
        }
        List<String> errors = new ArrayList<>();
        List<AnnotatedExample.Annotation> trimmed = new ArrayList<>();
        for (int i = 0; i < (given == null ? 0 : given.size()); i++) {
            AnnotatedExample.Annotation a = given.get(i);
            String name = "entities[" + i + "]";
            if (a == null) {
                errors.add(name + " is missing");
                continue;
            }
            if (a.type() == null || !a.type().matches(TYPE_NAME)) {
                errors.add(name + ": the type must be 1-100 letters, digits, '_' or '.'");
                continue;
            }
            if (a.start() < 0 || a.end() > text.length() || a.start() >= a.end()) {
                errors.add(name + ": start " + a.start() + " and end " + a.end() + " must satisfy 0 <= start < end <= "
                        + text.length() + " (the text's length)");
                continue;
            }
            int start = a.start();
            int end = a.end();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                errors.add(name + " marks an empty name (only whitespace)");
                continue;
            }
            trimmed.add(new AnnotatedExample.Annotation(a.type(), start, end));
        }
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        return check(text, trimmed);
    }

    private static Read check(String text, List<AnnotatedExample.Annotation> entities) {
        List<String> errors = new ArrayList<>();
        if (text.isBlank()) {
            errors.add("the text is empty");
        } else if (text.length() > MAX_TEXT) {
            errors.add("the text is longer than " + MAX_TEXT + " characters");
        }
        AnnotatedExample example = new AnnotatedExample(text, entities);
        NameTokens tokens = NameTokens.of(text);
        AnnotatedExample.Annotation previous = null;
        for (AnnotatedExample.Annotation a : example.entities()) {
            String name = "'" + text.substring(a.start(), a.end()) + "' (" + a.type() + ")";
            if (previous != null && a.start() < previous.end()) {
                errors.add(name + " overlaps '" + text.substring(previous.start(), previous.end()) + "'");
            } else if (tokens.tokenStartingAt(a.start()) < 0 || tokens.tokenEndingAt(a.end()) < 0) {
                errors.add(name + " cuts a word in two: a name must begin and end where a word (or a Chinese"
                        + " character) does");
            }
            previous = a;
        }
        return errors.isEmpty() ? new Read(example, List.of()) : new Read(null, errors);
    }

    /**
     * A whole file: {@code text/plain} (one inline sentence a line, {@code #} comments and blank lines skipped) or
     * {@code json} (an array of {@code {"text", "entities"}} or {@code {"annotated"}} objects). All or nothing:
     * the examples are only returned when there is no error. A sentence repeated with the same names (in the file
     * or in {@code stored}) is skipped; with other names it is an error.
     */
    public static Parsed read(byte[] bytes, boolean json, Map<String, AnnotatedExample> stored) {
        Optional<String> text = TrainingDataFormats.utf8(bytes);
        if (text.isEmpty()) {
            return new Parsed(List.of(), List.of(new Finding("file", TrainingDataFormats.NOT_UTF8)), List.of());
        }
        String content = text.get();
        List<Finding> errors = new ArrayList<>();
        List<Map.Entry<String, Read>> reads = json ? json(content, errors) : lines(content);
        List<AnnotatedExample> examples = new ArrayList<>();
        List<Finding> duplicates = new ArrayList<>();
        Map<String, Map.Entry<String, AnnotatedExample>> seen = new HashMap<>();
        for (Map.Entry<String, Read> entry : reads) {
            String where = entry.getKey();
            Read read = entry.getValue();
            read.errors().forEach(message -> errors.add(new Finding(where, message)));
            if (read.example() == null) {
                continue;
            }
            AnnotatedExample example = read.example();
            Map.Entry<String, AnnotatedExample> earlier = seen.get(example.text());
            AnnotatedExample kept = stored.get(example.text());
            if (earlier != null) {
                if (earlier.getValue().equals(example)) {
                    duplicates.add(new Finding(where, "repeats " + earlier.getKey() + "; skipped"));
                } else {
                    errors.add(new Finding(where, "the same sentence is annotated differently on " + earlier.getKey()));
                }
            } else if (kept != null) {
                seen.put(example.text(), Map.entry(where, example));
                if (kept.equals(example)) {
                    duplicates.add(new Finding(where, "already stored with the same names; skipped"));
                } else {
                    errors.add(new Finding(where, "already stored with other names: " + kept.inline()
                            + " (delete it first or import with replace=true)"));
                }
            } else {
                seen.put(example.text(), Map.entry(where, example));
                examples.add(example);
            }
        }
        if (reads.isEmpty() && errors.isEmpty()) {
            errors.add(new Finding("file", "the file holds no annotated sentence"));
        }
        return new Parsed(errors.isEmpty() ? examples : List.of(), errors, duplicates);
    }

    /**
     * The annotated examples in a training-data JSON file ({@code [{"text", "intent"}]}): the items that also
     * carry {@code "entities": [{"type", "start", "end"}]} (offsets into their text), with their problems as
     * "item n". The file is already known to be valid JSON.
     */
    public static Parsed inTrainingData(byte[] body) {
        List<AnnotatedExample> examples = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return new Parsed(List.of(), List.of(new Finding("file", "not valid JSON")), List.of());
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (item.hasNonNull("entities")) {
                com.fasterxml.jackson.databind.node.ObjectNode names = JSON.createObjectNode();
                names.set("text", item.get("text"));
                names.set("entities", item.get("entities"));
                Read read = item(names);
                String where = "item " + (i + 1);
                read.errors().forEach(message -> errors.add(new Finding(where, message)));
                if (read.example() != null) {
                    examples.add(read.example());
                }
            }
        }
        return new Parsed(errors.isEmpty() ? examples : List.of(), errors, List.of());
    }

    private static List<Map.Entry<String, Read>> lines(String content) {
        List<Map.Entry<String, Read>> reads = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            reads.add(Map.entry("line " + (i + 1), inline(line.strip())));
        }
        return reads;
    }

    private static List<Map.Entry<String, Read>> json(String content, List<Finding> errors) {
        List<Map.Entry<String, Read>> reads = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (java.io.IOException e) {
            errors.add(new Finding("file", "not valid JSON"));
            return reads;
        }
        if (root == null || !root.isArray()) {
            errors.add(new Finding("file", "expected a JSON array of {\"text\", \"entities\"} or {\"annotated\"} objects"));
            return reads;
        }
        for (int i = 0; i < root.size(); i++) {
            reads.add(Map.entry("item " + (i + 1), item(root.get(i))));
        }
        return reads;
    }

    /** One JSON object: {@code {"annotated": inline}} or {@code {"text", "entities": [{"type","start","end"}]}}. */
    public static Read item(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Read(null, List.of("expected an object with \"text\" and \"entities\", or \"annotated\""));
        }
        if (node.hasNonNull("annotated")) {
            if (node.hasNonNull("text") || node.hasNonNull("entities")) {
                return new Read(null, List.of("give either \"annotated\" or \"text\" with \"entities\", not both"));
            }
            return node.get("annotated").isTextual() ? inline(node.get("annotated").asText())
                    : new Read(null, List.of("\"annotated\" must be a string"));
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            return new Read(null, List.of("\"text\" is missing (or give \"annotated\" in the inline form)"));
        }
        JsonNode entities = node.get("entities");
        List<AnnotatedExample.Annotation> given = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (entities != null && !entities.isNull()) {
            if (!entities.isArray()) {
                return new Read(null, List.of("\"entities\" must be an array of {\"type\", \"start\", \"end\"}"));
            }
            for (int i = 0; i < entities.size(); i++) {
                JsonNode e = entities.get(i);
                if (!e.isObject() || !e.path("start").isInt() || !e.path("end").isInt()) {
                    errors.add("entities[" + i + "] needs \"type\" and integer \"start\" and \"end\"");
                    continue;
                }
                given.add(new AnnotatedExample.Annotation(e.path("type").isTextual() ? e.get("type").asText() : null,
                        e.get("start").asInt(), e.get("end").asInt()));
            }
        }
        return errors.isEmpty() ? offsets(text.asText(), given) : new Read(null, errors);
    }
}
