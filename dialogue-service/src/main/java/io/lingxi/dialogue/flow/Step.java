package io.lingxi.dialogue.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One step of a flow. Which fields matter depends on {@code type}:
 * <ul>
 * <li>{@code reply}: {@code text} (per language), optional {@code quickReplies}, {@code next}</li>
 * <li>{@code collect_slot}: {@code slot}, {@code entity} (entity type that fills it), {@code prompt}, {@code retryPrompt},
 * {@code maxAttempts}, {@code next}, {@code onFail}</li>
 * <li>{@code call_connector}: {@code connector}, {@code next}, {@code onNotFound} (404), {@code onRejected} (the system
 * refused, e.g. 409), {@code onError} (timeouts, failures, circuit open)</li>
 * <li>{@code branch}: {@code slot}, {@code cases} (value → step), {@code next} (default)</li>
 * <li>{@code search_knowledge}: asks the knowledge base with the customer's text; ends the flow</li>
 * <li>{@code handoff}: {@code reason}, {@code skillGroup}, {@code priority}, optional {@code text}; ends the flow</li>
 * <li>{@code set_context}: {@code values} (slot → template), {@code next}</li>
 * <li>{@code end}: ends the flow, optional {@code text}</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Step(
        String type,
        Map<String, String> text,
        Map<String, java.util.List<String>> quickReplies,
        String slot,
        String entity,
        Map<String, String> prompt,
        Map<String, String> retryPrompt,
        Integer maxAttempts,
        String connector,
        Map<String, String> cases,
        Map<String, String> values,
        String reason,
        String skillGroup,
        String priority,
        String next,
        String onFail,
        String onNotFound,
        String onRejected,
        String onError) {

    public static final String REPLY = "reply";
    public static final String COLLECT_SLOT = "collect_slot";
    public static final String CALL_CONNECTOR = "call_connector";
    public static final String BRANCH = "branch";
    public static final String SEARCH_KNOWLEDGE = "search_knowledge";
    public static final String HANDOFF = "handoff";
    public static final String SET_CONTEXT = "set_context";
    public static final String END = "end";

    public int attemptsAllowed() {
        return maxAttempts == null ? 3 : maxAttempts;
    }
}
