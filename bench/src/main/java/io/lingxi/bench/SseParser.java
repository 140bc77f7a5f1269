package io.lingxi.bench;

import java.util.function.Consumer;

/**
 * Assembles Server-Sent Events from lines (text/event-stream): {@code id:}, {@code event:}, {@code data:} (several
 * data lines join with a newline), a blank line ends the event; lines starting with ':' are comments.
 */
public final class SseParser {

    /** One event: its id (may be null), name ("message" when not given) and data. */
    public record Event(String id, String name, String data) {
    }

    private final Consumer<Event> sink;
    private String id;
    private String name;
    private StringBuilder data;

    public SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                sink.accept(new Event(id, name == null ? "message" : name, data.toString()));
            }
            id = null;
            name = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry and unknown fields do not matter here
            }
        }
    }
}
