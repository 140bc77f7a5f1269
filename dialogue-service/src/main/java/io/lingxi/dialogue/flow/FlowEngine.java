package io.lingxi.dialogue.flow;

import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.QuickReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs flows. Pure: it never calls anything; when a step needs a connector it stops and says which one, and
 * the caller comes back with the outcome.
 */
public final class FlowEngine {

    /** The entity type a {@code collect_slot} step names to take the message's intent (e.g. affirm/deny). */
    public static final String INTENT_ENTITY = "@intent";
    private static final int MAX_STEPS = 50;
    private static final double TOPIC_SWITCH_CONFIDENCE = 0.6;
    private static final Set<String> NOT_A_TOPIC = Set.of("nlu_fallback", "affirm", "deny", "greeting", "thanks");
    private static final Set<String> CANCEL_WORDS = Set.of("算了", "取消", "不用了", "不查了", "不要了", "退出",
            "cancel", "never mind", "nevermind", "stop", "forget it");
    private static final Set<String> AFFIRM_WORDS = Set.of("是", "是的", "对", "对的", "确认", "确定", "好", "好的",
            "可以", "确认取消", "yes", "yes cancel it", "yeah", "yep", "sure", "ok", "okay", "confirm");
    private static final Set<String> DENY_WORDS = Set.of("不", "不是", "不要", "不用", "否", "不取消", "先不了", "no",
            "no keep it", "nope", "keep it", "don't");
    /** Answers to "shall we continue?" beyond plain yes and no. */
    private static final Set<String> RESUME_WORDS = Set.of("继续", "继续吧", "继续办理", "继续查询", "接着来", "好的继续",
            "continue", "resume", "yes please", "go on", "carry on");
    private static final Set<String> DROP_WORDS = Set.of("不用了", "不继续", "不继续了", "不用继续", "先不用", "no thanks",
            "not now", "no need");
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z0-9_]+)}");

    /** A customer's message as a flow sees it. */
    public record Input(String text, String intent, double confidence, List<Entity> entities, String language) {
    }

    /** What the enterprise's system answered. */
    public record ConnectorOutcome(Status status, Map<String, String> values) {

        public enum Status {
            OK, NOT_FOUND, REJECTED, ERROR
        }
    }

    /** Something the conversation must do. */
    public sealed interface Action {
    }

    public record Say(String text, List<QuickReply> quickReplies) implements Action {
    }

    public record Handoff(String reason, String skillGroup, String priority) implements Action {
    }

    public record SearchKnowledge() implements Action {
    }

    /**
     * @param state     the flow's state after this step; null when the flow ended
     * @param connector the connector to call before the flow can go on, or null
     * @param topicSwitch the message is about something else: handle it normally and keep the flow as it is
     */
    public record Result(List<Action> actions, FlowState state, String connector, boolean topicSwitch) {

        public boolean ended() {
            return state == null;
        }
    }

    public Result start(Flow flow, Input input) {
        FlowState state = FlowState.start(flow);
        for (Step step : flow.steps().values()) {
            if (Step.COLLECT_SLOT.equals(step.type())) {
                String value = entityValue(step, input);
                if (value != null) {
                    state = state.with(step.slot(), value);
                }
            }
        }
        return run(flow, state, input.language(), new ArrayList<>());
    }

    public Result onMessage(Flow flow, FlowState state, Input input) {
        List<Action> actions = new ArrayList<>();
        Step step = flow.step(state.stepId());
        if (isCancel(input.text())) {
            actions.add(say(Map.of("zh", "好的，已为您取消当前操作。还有其他可以帮您的吗？",
                    "en", "OK, I've stopped that. Is there anything else I can help you with?"), state, input.language()));
            return new Result(actions, null, null, false);
        }
        if (step == null || !Step.COLLECT_SLOT.equals(step.type())) {
            return run(flow, state, input.language(), actions);
        }
        String value = entityValue(step, input);
        if (value != null) {
            return run(flow, state.with(step.slot(), value).at(step.next()), input.language(), actions);
        }
        // a yes/no question too: "退款多久到账" while asked to confirm a cancellation is another topic, not a "no"
        if (isOtherTopic(flow, input)) {
            return new Result(List.of(), state, null, true);
        }
        FlowState failed = state.failedAttempt();
        if (failed.attempts() >= step.attemptsAllowed()) {
            return run(flow, failed.at(step.onFail()), input.language(), actions);
        }
        actions.add(say(step.retryPrompt() != null ? step.retryPrompt() : step.prompt(), failed, input.language()));
        return new Result(actions, failed, null, false);
    }

    /**
     * A message after the flow was interrupted by another topic and the customer was asked whether to go on: "yes"
     * picks the flow up where it stopped (slots filled so far are kept), "no" or a cancel word drops it; a message
     * that fills the awaited slot goes on at once, anything else is handled as in {@link #onMessage}.
     */
    public Result onPausedMessage(Flow flow, FlowState state, Input input) {
        Step step = flow.step(state.stepId());
        boolean fillsSlot = step != null && Step.COLLECT_SLOT.equals(step.type()) && !INTENT_ENTITY.equals(step.entity())
                && entityValue(step, input) != null;
        if (!fillsSlot) {
            String answer = resumeAnswer(input);
            if ("affirm".equals(answer)) {
                return run(flow, new FlowState(state.flowId(), state.stepId(), state.slots(), 0), input.language(),
                        new ArrayList<>());
            }
            if ("deny".equals(answer) || isCancel(input.text())) {
                List<Action> actions = new ArrayList<>();
                actions.add(say(Map.of("zh", "好的，那就先不继续了。还有其他可以帮您的吗？",
                        "en", "OK, we'll leave that there. Is there anything else I can help you with?"), state,
                        input.language()));
                return new Result(actions, null, null, false);
            }
        }
        return onMessage(flow, state, input);
    }

    private static String resumeAnswer(Input input) {
        if ("affirm".equals(input.intent()) || "deny".equals(input.intent())) {
            return input.intent();
        }
        String normalised = normalise(input.text());
        if (RESUME_WORDS.contains(normalised)) {
            return "affirm";
        }
        if (DROP_WORDS.contains(normalised)) {
            return "deny";
        }
        return yesOrNo(input.text());
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", " ").trim();
    }

    public Result onConnector(Flow flow, FlowState state, ConnectorOutcome outcome, String language) {
        Step step = flow.step(state.stepId());
        String next = switch (outcome.status()) {
            case OK -> step.next();
            case NOT_FOUND -> step.onNotFound() != null ? step.onNotFound() : step.onError();
            case REJECTED -> step.onRejected() != null ? step.onRejected() : step.onError();
            case ERROR -> step.onError();
        };
        return run(flow, state.withAll(outcome.values()).at(next), language, new ArrayList<>());
    }

    private Result run(Flow flow, FlowState start, String language, List<Action> actions) {
        FlowState state = start;
        for (int i = 0; i < MAX_STEPS; i++) {
            Step step = state.stepId() == null ? null : flow.step(state.stepId());
            if (step == null) {
                return new Result(actions, null, null, false);
            }
            switch (step.type()) {
                case Step.REPLY -> {
                    actions.add(say(step.text(), step.quickReplies(), state, language));
                    state = state.at(step.next());
                }
                case Step.COLLECT_SLOT -> {
                    if (state.slots().containsKey(step.slot())) {
                        state = state.at(step.next());
                    } else {
                        actions.add(say(step.prompt(), step.quickReplies(), state, language));
                        return new Result(actions, state, null, false);
                    }
                }
                case Step.CALL_CONNECTOR -> {
                    return new Result(actions, state, step.connector(), false);
                }
                case Step.BRANCH -> {
                    String value = state.slots().get(step.slot());
                    String target = step.cases() == null || value == null ? null : step.cases().get(value);
                    state = state.at(target != null ? target : step.next());
                }
                case Step.SET_CONTEXT -> {
                    FlowState current = state;
                    Map<String, String> values = new java.util.LinkedHashMap<>();
                    step.values().forEach((slot, template) -> values.put(slot, render(template, current)));
                    state = state.withAll(values).at(step.next());
                }
                case Step.SEARCH_KNOWLEDGE -> {
                    actions.add(new SearchKnowledge());
                    return new Result(actions, null, null, false);
                }
                case Step.HANDOFF -> {
                    if (step.text() != null) {
                        actions.add(say(step.text(), state, language));
                    }
                    actions.add(new Handoff(step.reason(), step.skillGroup() == null ? "general" : step.skillGroup(),
                            step.priority() == null ? "NORMAL" : step.priority()));
                    return new Result(actions, null, null, false);
                }
                default -> {
                    if (step.text() != null) {
                        actions.add(say(step.text(), state, language));
                    }
                    return new Result(actions, null, null, false);
                }
            }
        }
        throw new IllegalStateException("flow " + flow.id() + " ran " + MAX_STEPS + " steps without waiting");
    }

    private static String entityValue(Step step, Input input) {
        if (INTENT_ENTITY.equals(step.entity())) {
            if ("affirm".equals(input.intent()) || "deny".equals(input.intent())) {
                return input.intent();
            }
            return yesOrNo(input.text());
        }
        if (input.entities() == null) {
            return null;
        }
        return input.entities().stream().filter(e -> e.type().equals(step.entity())).map(Entity::value)
                .findFirst().orElse(null);
    }

    /** Quick-reply answers and the plainest yes/no words, for classifiers that know no affirm/deny intent. */
    private static String yesOrNo(String text) {
        String normalised = text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", " ").trim();
        if (DENY_WORDS.contains(normalised)) {
            return "deny";
        }
        return AFFIRM_WORDS.contains(normalised) ? "affirm" : null;
    }

    /**
     * Whether {@code input} asks for flow {@code other} while {@code current} runs: a confident intent that starts
     * {@code other} and that {@code current} does not handle, and no cancel word. It wins over filling the current
     * slot ("我要取消订单A2024112402" while the order query waits for a number cancels, it does not look up).
     */
    public static boolean startsAnother(Flow current, Flow other, Input input) {
        return other != null && !other.id().equals(current.id()) && input.confidence() >= TOPIC_SWITCH_CONFIDENCE
                && (current.intents() == null || !current.intents().contains(input.intent()))
                && !isCancel(input.text());
    }

    private static boolean isOtherTopic(Flow flow, Input input) {
        return input.confidence() >= TOPIC_SWITCH_CONFIDENCE && !NOT_A_TOPIC.contains(input.intent())
                && (flow.intents() == null || !flow.intents().contains(input.intent()));
    }

    static boolean isCancel(String text) {
        String normalised = text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", " ").trim();
        return CANCEL_WORDS.contains(normalised) || normalised.length() <= 8
                && CANCEL_WORDS.stream().anyMatch(w -> w.length() > 1 && normalised.startsWith(w) && !w.equals("stop"));
    }

    private static Say say(Map<String, String> text, FlowState state, String language) {
        return say(text, null, state, language);
    }

    private static Say say(Map<String, String> text, Map<String, List<String>> quickReplies, FlowState state,
            String language) {
        String chosen = text.getOrDefault(language, text.get("zh"));
        List<QuickReply> buttons = quickReplies == null ? List.of()
                : quickReplies.getOrDefault(language, quickReplies.getOrDefault("zh", List.of())).stream()
                        .map(label -> new QuickReply(label, label)).toList();
        return new Say(render(chosen, state), buttons);
    }

    static String render(String template, FlowState state) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(state.slots().getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
