package io.lingxi.dialogue.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FlowValidatorTest {

    private final FlowValidator validator = new FlowValidator();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theDefaultFlowsAreValid() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/flows/default-flows.json")) {
            assertThat(validator.validate(mapper.readValue(in, FlowSet.class))).isEmpty();
        }
    }

    @Test
    void reportsEveryProblemByFlowAndStep() throws Exception {
        FlowSet set = mapper.readValue("""
                {"flows":[{"id":"f","intents":["x"],"start":"a","steps":{
                  "a":{"type":"collect_slot","slot":"s","entity":"e","next":"b","onFail":"z"},
                  "b":{"type":"teleport","next":"c"},
                  "c":{"type":"reply","text":{"en":"only English"},"next":"c"},
                  "orphan":{"type":"end"}
                }}]}""", FlowSet.class);
        assertThat(validator.validate(set)).containsExactlyInAnyOrder(
                "flow f, step a: \"prompt\" needs at least a Chinese (zh) text",
                "flow f, step a: refers to the missing step \"z\"",
                "flow f, step b: unknown step type \"teleport\" (expected one of branch, call_connector, "
                        + "collect_slot, end, handoff, reply, search_knowledge, set_context)",
                "flow f, step c: \"text\" needs at least a Chinese (zh) text");
    }

    @Test
    void findsUnreachableStepsAndLoopsWithoutAnEnd() throws Exception {
        FlowSet set = mapper.readValue("""
                {"flows":[{"id":"g","intents":["x"],"start":"a","steps":{
                  "a":{"type":"reply","text":{"zh":"一"},"next":"b"},
                  "b":{"type":"reply","text":{"zh":"二"},"next":"a"},
                  "lost":{"type":"end"}
                }}]}""", FlowSet.class);
        assertThat(validator.validate(set)).containsExactly(
                "flow g, step lost: unreachable from the start step",
                "flow g, step a: in a cycle with no way to an end",
                "flow g, step b: in a cycle with no way to an end");
    }

    @Test
    void anEmptyUploadIsRejected() {
        assertThat(validator.validate(new FlowSet(java.util.List.of()))).containsExactly(
                "a flow set needs at least one flow in \"flows\"");
    }
}
