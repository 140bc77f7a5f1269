package io.lingxi.dialogue.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A declarative multi-turn flow: started by one of its {@code intents}, it runs from {@code start} through
 * {@code steps} until an end, a handoff or a knowledge search.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(String id, List<String> intents, String start, Map<String, Step> steps) {

    public Step step(String stepId) {
        return steps.get(stepId);
    }
}
