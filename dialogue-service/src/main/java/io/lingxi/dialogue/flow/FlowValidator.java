package io.lingxi.dialogue.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a flow set before it may become active: known step types, required fields and prompts, references that
 * exist, every step reachable from the start, and no loop that can never reach an end.
 */
public final class FlowValidator {

    private static final Set<String> TYPES = Set.of(Step.REPLY, Step.COLLECT_SLOT, Step.CALL_CONNECTOR, Step.BRANCH,
            Step.SEARCH_KNOWLEDGE, Step.HANDOFF, Step.SET_CONTEXT, Step.END);
    private static final Set<String> TERMINAL = Set.of(Step.SEARCH_KNOWLEDGE, Step.HANDOFF, Step.END);
    private static final Set<String> PRIORITIES = Set.of("NORMAL", "HIGH", "URGENT");

    /** Every problem found, each naming the flow and step; empty when the set is valid. */
    public List<String> validate(FlowSet set) {
        List<String> errors = new ArrayList<>();
        if (set == null || set.flows() == null || set.flows().isEmpty()) {
            return List.of("a flow set needs at least one flow in \"flows\"");
        }
        Set<String> ids = new HashSet<>();
        for (Flow flow : set.flows()) {
            String name = flow.id() == null ? "(unnamed)" : flow.id();
            if (flow.id() == null || flow.id().isBlank()) {
                errors.add("flow " + name + ": \"id\" is required");
            } else if (!ids.add(flow.id())) {
                errors.add("flow " + name + ": the id is used twice");
            }
            if (flow.intents() == null || flow.intents().isEmpty()) {
                errors.add("flow " + name + ": \"intents\" must name at least one intent that starts it");
            }
            if (flow.steps() == null || flow.steps().isEmpty()) {
                errors.add("flow " + name + ": \"steps\" is empty");
                continue;
            }
            if (flow.start() == null || !flow.steps().containsKey(flow.start())) {
                errors.add("flow " + name + ": the start step \"" + flow.start() + "\" does not exist");
                continue;
            }
            flow.steps().forEach((id, step) -> checkStep(name, id, step, flow.steps(), errors));
            if (errors.isEmpty()) {
                checkGraph(name, flow, errors);
            }
        }
        return errors;
    }

    private static void checkStep(String flow, String id, Step step, Map<String, Step> steps, List<String> errors) {
        String where = "flow " + flow + ", step " + id + ": ";
        if (step.type() == null || !TYPES.contains(step.type())) {
            errors.add(where + "unknown step type \"" + step.type() + "\" (expected one of " + String.join(", ",
                    TYPES.stream().sorted().toList()) + ")");
            return;
        }
        switch (step.type()) {
            case Step.REPLY -> requireText(where, "text", step.text(), errors);
            case Step.COLLECT_SLOT -> {
                require(where, "slot", step.slot(), errors);
                require(where, "entity", step.entity(), errors);
                requireText(where, "prompt", step.prompt(), errors);
                require(where, "onFail", step.onFail(), errors);
            }
            case Step.CALL_CONNECTOR -> {
                require(where, "connector", step.connector(), errors);
                require(where, "onError", step.onError(), errors);
            }
            case Step.BRANCH -> require(where, "slot", step.slot(), errors);
            case Step.HANDOFF -> {
                require(where, "reason", step.reason(), errors);
                if (step.priority() != null && !PRIORITIES.contains(step.priority())) {
                    errors.add(where + "priority must be NORMAL, HIGH or URGENT");
                }
            }
            case Step.SET_CONTEXT -> {
                if (step.values() == null || step.values().isEmpty()) {
                    errors.add(where + "\"values\" is required");
                }
            }
            default -> {
            }
        }
        if (!TERMINAL.contains(step.type()) && step.next() == null) {
            errors.add(where + "\"next\" is required");
        }
        for (String target : targets(step)) {
            if (!steps.containsKey(target)) {
                errors.add(where + "refers to the missing step \"" + target + "\"");
            }
        }
    }

    private static void checkGraph(String flow, Flow definition, List<String> errors) {
        Set<String> reachable = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(definition.start()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (reachable.add(id)) {
                todo.addAll(targets(definition.step(id)));
            }
        }
        definition.steps().keySet().stream().filter(id -> !reachable.contains(id)).sorted()
                .forEach(id -> errors.add("flow " + flow + ", step " + id + ": unreachable from the start step"));
        // steps from which some path leads to a terminal step; the rest loop forever
        Set<String> exits = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var entry : definition.steps().entrySet()) {
                Step step = entry.getValue();
                if (!exits.contains(entry.getKey()) && (TERMINAL.contains(step.type())
                        || targets(step).stream().anyMatch(exits::contains))) {
                    exits.add(entry.getKey());
                    grew = true;
                }
            }
        }
        definition.steps().keySet().stream().filter(id -> reachable.contains(id) && !exits.contains(id)).sorted()
                .forEach(id -> errors.add("flow " + flow + ", step " + id + ": in a cycle with no way to an end"));
    }

    private static List<String> targets(Step step) {
        List<String> targets = new ArrayList<>();
        for (String target : new String[] {step.next(), step.onFail(), step.onNotFound(), step.onRejected(),
                step.onError()}) {
            if (target != null) {
                targets.add(target);
            }
        }
        if (step.cases() != null) {
            targets.addAll(step.cases().values());
        }
        return targets;
    }

    private static void require(String where, String field, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add(where + "\"" + field + "\" is required");
        }
    }

    private static void requireText(String where, String field, Map<String, String> text, List<String> errors) {
        if (text == null || text.get("zh") == null || text.get("zh").isBlank()) {
            errors.add(where + "\"" + field + "\" needs at least a Chinese (zh) text");
        }
    }
}
