package io.lingxi.dialogue.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.dialogue.connector.ConnectorClient;
import io.lingxi.dialogue.connector.ConnectorDefinition;
import io.lingxi.dialogue.config.DialogueConfig;
import io.lingxi.dialogue.domain.Conversation;
import io.lingxi.dialogue.domain.DialoguePolicy;
import io.lingxi.dialogue.domain.ConversationStatus;
import io.lingxi.dialogue.domain.Replies;
import io.lingxi.dialogue.flow.Flow;
import io.lingxi.dialogue.flow.FlowCatalog;
import io.lingxi.dialogue.flow.FlowEngine;
import io.lingxi.dialogue.flow.FlowEngine.ConnectorOutcome;
import io.lingxi.dialogue.flow.FlowSet;
import io.lingxi.dialogue.flow.FlowState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out what a conversation's flow does with a message, calling the enterprise's systems as the flow needs,
 * before the conversation's transaction starts (so no database connection waits on a slow system). Messages of
 * one conversation are handled one at a time (Kafka key), so the state read here is still current when the
 * plan is applied.
 */
@ApplicationScoped
public class FlowPlanner {

    private static final TypeReference<Map<String, String>> SLOTS = new TypeReference<>() {
    };
    private static final int MAX_CONNECTOR_CALLS = 5;

    /**
     * @param involved    a flow handles this message: apply {@code actions} and store {@code state}
     * @param topicSwitch the message left an active flow's topic: handle it normally, keep the flow
     * @param state       the flow's state afterwards; null when the flow ended
     * @param suspended   the flow the message interrupted by starting another one: kept aside and offered again
     *                    when the new one ends; null otherwise
     */
    public record Plan(boolean involved, boolean topicSwitch, List<FlowEngine.Action> actions, FlowState state,
            FlowState suspended) {

        static final Plan NONE = new Plan(false, false, List.of(), null, null);

        Plan(boolean involved, boolean topicSwitch, List<FlowEngine.Action> actions, FlowState state) {
            this(involved, topicSwitch, actions, state, null);
        }

        Plan suspending(FlowState interrupted) {
            return new Plan(involved, topicSwitch, actions, state, interrupted);
        }

        public boolean handled() {
            return involved && !topicSwitch;
        }
    }

    private final FlowEngine engine = new FlowEngine();
    private final FlowCatalog catalog;
    private final ConnectorClient connectors;
    private final ObjectMapper mapper;

    private final DialogueConfig config;

    public FlowPlanner(FlowCatalog catalog, ConnectorClient connectors, ObjectMapper mapper, DialogueConfig config) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.mapper = mapper;
        this.config = config;
    }

    public Uni<Plan> plan(MessageUnderstood message) {
        return Panache.withSession(() -> Conversation.<Conversation>findById(message.conversationId()))
                .flatMap(conversation -> {
                    if (conversation != null && (conversation.status == ConversationStatus.QUEUED
                            || conversation.status == ConversationStatus.WITH_AGENT
                            || conversation.surveyPending && Replies.surveyScore(message.text()) != null)) {
                        return Uni.createFrom().item(Plan.NONE);
                    }
                    boolean vip = message.customer() != null ? message.customer().vip()
                            : conversation != null && ConversationService.isVip(conversation, mapper);
                    if (DialoguePolicy.vipAtOnce(vip, config.vip().handoffFor(message.tenantId()), conversation)) {
                        return Uni.createFrom().item(Plan.NONE); // a human takes over before any flow runs
                    }
                    return catalog.forTenant(message.tenantId())
                            .flatMap(active -> decide(active.flows(), conversation, message));
                });
    }

    private Uni<Plan> decide(FlowSet flows, Conversation conversation, MessageUnderstood message) {
        String language = Replies.languageFor(conversation == null ? null : conversation.language, message);
        FlowEngine.Input input = new FlowEngine.Input(message.text(), message.intent().name(),
                message.intent().confidence(), message.entities(), language);
        FlowState state = conversation == null ? null : stateOf(conversation);
        Flow flow;
        FlowEngine.Result result;
        if (state != null && flows.byId(state.flowId()).isPresent()) {
            flow = flows.byId(state.flowId()).get();
            Flow other = flows.triggeredBy(input.intent()).orElse(null);
            if (FlowEngine.startsAnother(flow, other, input)) {
                // another flow's topic: run that flow now, keep this one aside
                return resolve(message.tenantId(), other, engine.start(other, input), new ArrayList<>(), language, 0)
                        .map(plan -> plan.suspending(state));
            }
            result = conversation.flowResume != null ? engine.onPausedMessage(flow, state, input)
                    : engine.onMessage(flow, state, input);
        } else if (flows.triggeredBy(input.intent()).isPresent()) {
            flow = flows.triggeredBy(input.intent()).get();
            result = engine.start(flow, input);
        } else {
            return Uni.createFrom().item(Plan.NONE);
        }
        if (result.topicSwitch()) {
            return Uni.createFrom().item(new Plan(true, true, List.of(), state));
        }
        return resolve(message.tenantId(), flow, result, new ArrayList<>(), language, 0);
    }

    private Uni<Plan> resolve(String tenantId, Flow flow, FlowEngine.Result result, List<FlowEngine.Action> actions,
            String language, int calls) {
        actions.addAll(result.actions());
        if (result.connector() == null || calls >= MAX_CONNECTOR_CALLS) {
            return Uni.createFrom().item(new Plan(true, false, actions, result.connector() == null ? result.state() : null));
        }
        return Panache.withSession(() -> ConnectorDefinition.find(tenantId, result.connector()))
                .flatMap(definition -> definition == null
                        ? Uni.createFrom().item(new ConnectorOutcome(ConnectorOutcome.Status.ERROR, Map.of()))
                        : connectors.call(definition, result.state().slots()))
                .flatMap(outcome -> resolve(tenantId, flow, engine.onConnector(flow, result.state(), outcome, language),
                        actions, language, calls + 1));
    }

    private FlowState stateOf(Conversation conversation) {
        if (conversation.activeFlow == null) {
            return null;
        }
        return new FlowState(conversation.activeFlow, conversation.flowStep, slots(conversation.flowSlots, mapper),
                conversation.flowAttempts);
    }

    /** The flow a conversation put aside for another one, or null. */
    public static FlowState suspendedOf(Conversation conversation, ObjectMapper mapper) {
        if (conversation.suspendedFlow == null) {
            return null;
        }
        return new FlowState(conversation.suspendedFlow, conversation.suspendedStep,
                slots(conversation.suspendedSlots, mapper), 0);
    }

    private static Map<String, String> slots(String json, ObjectMapper mapper) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, SLOTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored flow slots are not JSON", e);
        }
    }
}
