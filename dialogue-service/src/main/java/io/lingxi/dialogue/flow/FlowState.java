package io.lingxi.dialogue.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a conversation stands in its active flow: the step, the slots filled so far, failed attempts. */
public record FlowState(String flowId, String stepId, Map<String, String> slots, int attempts) {

    public FlowState {
        slots = Map.copyOf(slots);
    }

    public static FlowState start(Flow flow) {
        return new FlowState(flow.id(), flow.start(), Map.of(), 0);
    }

    public FlowState at(String step) {
        return new FlowState(flowId, step, slots, 0);
    }

    public FlowState with(String slot, String value) {
        Map<String, String> filled = new LinkedHashMap<>(slots);
        filled.put(slot, value);
        return new FlowState(flowId, stepId, filled, attempts);
    }

    public FlowState withAll(Map<String, String> values) {
        Map<String, String> filled = new LinkedHashMap<>(slots);
        filled.putAll(values);
        return new FlowState(flowId, stepId, filled, attempts);
    }

    public FlowState failedAttempt() {
        return new FlowState(flowId, stepId, slots, attempts + 1);
    }
}
