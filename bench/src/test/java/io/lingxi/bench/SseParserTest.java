package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void assemblesEventsFromFieldsUntilABlankLine() {
        List<SseParser.Event> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        for (String line : List.of(": keep-alive", "id:42", "event:message", "data:{\"a\":1,", "data: \"b\":2}", "",
                "data:plain", "", "id:43", "")) {
            parser.line(line);
        }
        assertThat(events).containsExactly(new SseParser.Event("42", "message", "{\"a\":1,\n\"b\":2}"),
                new SseParser.Event(null, "message", "plain"));
    }

    @Test
    void anUnfinishedEventIsNotDelivered() {
        List<SseParser.Event> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.line("id:1");
        parser.line("data:{}");
        assertThat(events).isEmpty();
    }
}
