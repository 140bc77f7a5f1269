package io.lingxi.dialogue.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.ConversationEvent;
import io.lingxi.contracts.events.CustomerProfile;
import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.HandoffRequested;
import io.lingxi.contracts.events.KnowledgeAnswered;
import io.lingxi.contracts.events.KnowledgeHit;
import io.lingxi.contracts.events.KnowledgeQueried;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.events.TranscriptLine;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.dialogue.api.ProblemException;
import io.lingxi.dialogue.config.DialogueConfig;
import io.lingxi.dialogue.domain.BotReply;
import io.lingxi.dialogue.domain.Conversation;
import io.lingxi.dialogue.domain.ConversationStatus;
import io.lingxi.dialogue.domain.DialoguePolicy;
import io.lingxi.dialogue.domain.ProactiveMessage;
import io.lingxi.dialogue.domain.ProactiveOptOut;
import io.lingxi.dialogue.domain.ProcessedEvent;
import io.lingxi.dialogue.domain.Replies;
import io.lingxi.dialogue.domain.Turn;
import io.lingxi.dialogue.domain.TurnState;
import io.lingxi.dialogue.flow.FlowEngine;
import io.lingxi.dialogue.flow.FlowState;
import io.lingxi.dialogue.messaging.OutboxEvent;
import io.lingxi.dialogue.messaging.OutboxPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs conversations. Each input event is handled once: its state change, the events it causes (in the
 * outbox) and its processed marker commit together; a redelivered input re-publishes the stored events under
 * their original ids instead of acting again.
 */
@ApplicationScoped
public class ConversationService {

    private static final int KNOWLEDGE_HITS = 3;
    /** Topics where the policy from the knowledge base often leaves the customer wanting a person. */
    private static final java.util.Set<String> HUMAN_OFFER_INTENTS = java.util.Set.of("refund", "return_exchange");
    private static final String REPLY_STEP = "reply";
    private static final String KNOWLEDGE_QUERY_STEP = "knowledge-query";
    private static final String HANDOFF_STEP = "handoff-request";
    private static final int SUMMARY_TURNS = 5;
    private static final String RESUME_DUE = "DUE";
    private static final String RESUME_OFFERED = "OFFERED";

    private final DialoguePolicy policy = new DialoguePolicy();
    private final OutboxPublisher publisher;
    private final FlowPlanner planner;
    private final DialogueConfig config;
    private final ObjectMapper mapper;

    public ConversationService(OutboxPublisher publisher, FlowPlanner planner, DialogueConfig config,
            ObjectMapper mapper) {
        this.publisher = publisher;
        this.planner = planner;
        this.config = config;
        this.mapper = mapper;
    }

    /** A customer's message, understood by NLU. */
    public Uni<Void> onMessageUnderstood(EventContext input, MessageUnderstood message) {
        return Panache.withSession(() -> ProcessedEvent.<ProcessedEvent>findById(input.id()))
                .flatMap(processed -> processed != null ? Uni.createFrom().item(FlowPlanner.Plan.NONE)
                        : planner.plan(message))
                .flatMap(plan -> once(input, () -> locked(message.conversationId())
                        .flatMap(found -> found != null ? checkTenant(found, message.tenantId())
                                : start(input, message))
                        .flatMap(started -> handle(input, message, started, plan))));
    }

    /** The knowledge base answered a question dialogue asked. */
    public Uni<Void> onKnowledgeAnswered(EventContext input, KnowledgeAnswered answer) {
        return once(input, () -> locked(answer.conversationId())
                .flatMap(conversation -> {
                    if (conversation == null) {
                        throw new InvalidEventException("knowledge answer for unknown conversation " + answer.conversationId());
                    }
                    checkTenant(conversation, answer.tenantId());
                    return Turn.findByMessage(conversation.id, answer.messageId())
                            .flatMap(turn -> answerFromKnowledge(input, conversation, turn, answer));
                }));
    }

    /** The handoff service moved the conversation: to an agent, back to the bot, or closed. */
    public Uni<Void> onHandoffEvent(EventContext input, HandoffEvent event) {
        return once(input, () -> locked(event.conversationId()).map(conversation -> {
            if (conversation == null) {
                throw new InvalidEventException("handoff event for unknown conversation " + event.conversationId());
            }
            checkTenant(conversation, event.tenantId());
            List<OutboxEvent> events = new ArrayList<>();
            Instant now = Instant.now();
            switch (event.type()) {
                case AGENT_ASSIGNED -> conversation.status = ConversationStatus.WITH_AGENT;
                case QUEUED, OFFERED, TRANSFERRED -> {
                    if (conversation.status == ConversationStatus.BOT) {
                        conversation.status = ConversationStatus.QUEUED;
                    }
                }
                case RETURNED_TO_BOT -> {
                    conversation.status = ConversationStatus.BOT;
                    remember(conversation, null);
                    suspend(conversation, null);
                    reply(input, events, conversation, null, conversation.language,
                            Replies.backWithTheBot(conversation.language), REPLY_STEP, now);
                }
                case CLOSED -> close(input, events, conversation, now);
            }
            conversation.updatedAt = now;
            return events;
        }));
    }

    /**
     * Closes {@code conversationId} if it is still with the bot and idle since {@code idleSince}: the survey goes
     * out and {@code Closed} is published. The ids derive from the conversation and its turn count, so a retried
     * close repeats them.
     */
    public Uni<Void> closeIfIdle(String conversationId, Instant idleSince) {
        return Panache.withTransaction(() -> locked(conversationId).flatMap(conversation -> {
            if (conversation == null || conversation.status != ConversationStatus.BOT
                    || conversation.updatedAt.isAfter(idleSince)) {
                return Uni.createFrom().item(List.<OutboxEvent>of());
            }
            String id = EventIds.derive(conversation.id, "idle-close/" + conversation.turns);
            EventContext closing = new EventContext(id, "lingxi.idle-close", "/lingxi/dialogue-service", Instant.now(),
                    conversation.id, conversation.tenantId, null);
            List<OutboxEvent> events = new ArrayList<>();
            close(closing, events, conversation, Instant.now());
            return persistAll(events, closing).replaceWith(events);
        })).flatMap(publisher::publish);
    }

    /**
     * Sends a proactive message into {@code conversationId} through the customer's channel, unless the customer
     * opted out or reached the day's limit. {@code messageId} identifies the request: a retry with the same id
     * sends nothing new.
     */
    public Uni<String> sendProactive(String tenantId, String conversationId, String messageId, BotReply message,
            String language) {
        String id = EventIds.derive(tenantId + "/" + messageId, "proactive");
        EventContext request = new EventContext(id, "lingxi.proactive", "/lingxi/dialogue-service", Instant.now(),
                conversationId, tenantId, null);
        return once(request, () -> locked(conversationId).flatMap(conversation -> {
            if (conversation == null || !conversation.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("There is no conversation '" + conversationId + "'.");
            }
            return ProactiveOptOut.find(tenantId, conversation.customerId).flatMap(optOut -> {
                if (optOut != null) {
                    throw new ProblemException(409, "Conflict", "The customer opted out of proactive messages.");
                }
                Instant now = Instant.now();
                return ProactiveMessage.countSince(tenantId, conversation.customerId, now.minus(Duration.ofDays(1)))
                        .flatMap(sent -> {
                            if (sent >= config.proactivePerCustomerPerDay()) {
                                throw new ProblemException(429, "Too Many Requests", "The customer already received "
                                        + sent + " proactive messages in the last 24 hours.");
                            }
                            List<OutboxEvent> events = new ArrayList<>();
                            reply(request, events, conversation, null,
                                    language == null ? conversation.language : language, message, "proactive", now);
                            ProactiveMessage record = new ProactiveMessage();
                            record.id = events.get(0).id;
                            record.tenantId = tenantId;
                            record.customerId = conversation.customerId;
                            record.conversationId = conversation.id;
                            record.sentAt = now;
                            return record.persist().replaceWith(events);
                        });
            });
        })).replaceWith(EventIds.derive(id, "proactive"));
    }

    private void close(EventContext input, List<OutboxEvent> events, Conversation conversation, Instant now) {
        conversation.status = ConversationStatus.CLOSED;
        conversation.closedAt = now;
        conversation.surveyPending = true;
        conversation.consecutiveFallbacks = 0;
        conversation.negativeStreak = 0;
        remember(conversation, null);
        suspend(conversation, null);
        reply(input, events, conversation, null, conversation.language, Replies.survey(conversation.language), "survey",
                now);
        ConversationEvent closed = new ConversationEvent(ConversationEvent.Type.CLOSED, conversation.tenantId,
                conversation.channelId, conversation.id, conversation.customerId, null, null, null, null, null, now);
        events.add(event(input, "closed", events.size(), Topics.CONVERSATION_EVENT, closed.ceType(), conversation,
                closed, now));
    }

    /**
     * The conversation, its row locked until the transaction ends ({@code SELECT … FOR UPDATE}): the consumers of
     * different topics, the idle closer and proactive sends may change one conversation at the same time, and
     * each must see the others' committed changes rather than overwrite them.
     */
    private static Uni<Conversation> locked(String conversationId) {
        return Conversation.findById(conversationId, LockModeType.PESSIMISTIC_WRITE);
    }

    private Uni<Void> once(EventContext input, Supplier<Uni<List<OutboxEvent>>> work) {
        return Panache.withTransaction(() -> ProcessedEvent.<ProcessedEvent>findById(input.id())
                        .flatMap(processed -> processed != null
                                ? OutboxEvent.forInput(input.id())
                                : work.get().call(events -> persistAll(events, input))))
                .flatMap(publisher::publish);
    }

    private static Uni<Void> persistAll(List<OutboxEvent> events, EventContext input) {
        List<Object> rows = new ArrayList<>(events);
        rows.add(ProcessedEvent.of(input.id()));
        return Panache.getSession().flatMap(session -> session.persistAll(rows.toArray()));
    }

    private Uni<Conversation> start(EventContext input, MessageUnderstood message) {
        Conversation conversation = new Conversation();
        conversation.id = message.conversationId();
        conversation.tenantId = EventJson.require(message.tenantId(), "tenantId");
        conversation.channelId = EventJson.require(message.channelId(), "channelId");
        conversation.customerId = EventJson.require(message.customerId(), "customerId");
        conversation.status = ConversationStatus.BOT;
        conversation.language = Replies.replyLanguage(message.language());
        conversation.turns = 0;
        conversation.startedAt = Instant.now();
        conversation.updatedAt = conversation.startedAt;
        return conversation.persist();
    }

    /** Keeps the channel's latest hints: channel type, customer profile, phone call. */
    private void rememberChannel(Conversation conversation, MessageUnderstood message) {
        if (message.channelType() != null && !message.channelType().isBlank()) {
            conversation.channelType = message.channelType();
        }
        if (message.customer() != null) {
            conversation.customerProfile = EventJson.write(mapper, message.customer());
        }
        if (message.callId() != null && !message.callId().isBlank()) {
            conversation.callId = message.callId();
        }
    }

    /** The customer profile the channel last reported, or null. */
    static CustomerProfile profileOf(Conversation conversation, ObjectMapper mapper) {
        if (conversation.customerProfile == null) {
            return null;
        }
        try {
            return mapper.readValue(conversation.customerProfile, CustomerProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customer profile is not JSON", e);
        }
    }

    /** Whether the channel last reported the conversation's customer as a VIP. */
    public static boolean isVip(Conversation conversation, ObjectMapper mapper) {
        CustomerProfile profile = profileOf(conversation, mapper);
        return profile != null && profile.vip();
    }

    private static Uni<Conversation> checkTenant(Conversation conversation, String tenantId) {
        if (!conversation.tenantId.equals(tenantId)) {
            throw new InvalidEventException("event of tenant " + tenantId + " for conversation " + conversation.id
                    + " of another tenant");
        }
        return Uni.createFrom().item(conversation);
    }

    private Uni<List<OutboxEvent>> handle(EventContext input, MessageUnderstood message, Conversation conversation,
            FlowPlanner.Plan plan) {
        Instant now = Instant.now();
        String language = Replies.languageFor(conversation.language, message);
        List<OutboxEvent> events = new ArrayList<>();
        if (conversation.turns == 0) {
            events.add(conversationEvent(input, events.size(), "started", conversation, ConversationEvent.Type.STARTED,
                    message, null, now));
        }
        conversation.turns++;
        conversation.language = language;
        conversation.updatedAt = now;
        rememberChannel(conversation, message);

        Turn turn = new Turn();
        turn.conversationId = conversation.id;
        turn.messageId = message.messageId();
        turn.inputEventId = input.id();
        turn.correlationId = input.correlationId();
        turn.text = message.text();
        turn.language = language;
        turn.intent = message.intent().name();
        turn.confidence = message.intent().confidence();
        turn.entities = message.entities() == null ? null : EventJson.write(mapper, message.entities());
        turn.createdAt = now;

        boolean surveyAnswer = conversation.surveyPending && Replies.surveyScore(message.text()) != null;
        if (conversation.status == ConversationStatus.CLOSED && !surveyAnswer) {
            // the customer writes again: the conversation reopens with the bot
            conversation.status = ConversationStatus.BOT;
            conversation.surveyPending = false;
            conversation.closedAt = null;
        }
        if (plan.handled() && conversation.status == ConversationStatus.BOT) {
            return applyFlow(input, message, conversation, turn, plan, events, now);
        }
        boolean vipAtOnce = conversation.status == ConversationStatus.BOT && DialoguePolicy.vipAtOnce(
                isVip(conversation, mapper), config.vip().handoffFor(conversation.tenantId), conversation);
        DialoguePolicy.Decision decision = policy.decide(conversation, message, language, vipAtOnce);
        boolean negative = message.sentiment() != null && "negative".equals(message.sentiment().label());
        conversation.negativeStreak = negative ? conversation.negativeStreak + 1 : 0;
        if (decision instanceof DialoguePolicy.SurveyAnswer survey) {
            turn.state = TurnState.ANSWERED;
            conversation.surveyPending = false;
            conversation.surveyScore = survey.score();
            addReply(input, events, conversation, turn, Replies.thanksForRating(language), REPLY_STEP, now);
            ConversationEvent answered = new ConversationEvent(ConversationEvent.Type.SURVEY_ANSWERED,
                    conversation.tenantId, conversation.channelId, conversation.id, conversation.customerId,
                    message.messageId(), null, null, null, survey.score(), now);
            events.add(event(input, "survey-answered", events.size(), Topics.CONVERSATION_EVENT, answered.ceType(),
                    conversation, answered, now));
        } else if (decision instanceof DialoguePolicy.Reply reply) {
            turn.state = TurnState.ANSWERED;
            complete(input, events, conversation, turn, reply.reply(), true, now);
            offerToResume(input, events, conversation, turn, plan.topicSwitch(), now);
        } else if (decision instanceof DialoguePolicy.Clarify clarify) {
            turn.state = TurnState.SUGGESTED;
            conversation.consecutiveFallbacks++;
            complete(input, events, conversation, turn, clarify.reply(), false, now);
            offerToResume(input, events, conversation, turn, plan.topicSwitch(), now);
        } else if (decision instanceof DialoguePolicy.AskKnowledge) {
            turn.state = TurnState.AWAITING_KNOWLEDGE;
            if (plan.topicSwitch() && conversation.activeFlow != null) {
                conversation.flowResume = RESUME_DUE; // offered once the knowledge base has answered
            }
            events.add(knowledgeQuery(input, events.size(), conversation, message, language, now));
        } else if (decision instanceof DialoguePolicy.Handoff handoff) {
            turn.state = TurnState.HANDED_OFF;
            conversation.status = ConversationStatus.QUEUED;
            if ("vip".equals(handoff.reason())) {
                conversation.vipHandedOff = true;
                addReply(input, events, conversation, turn, Replies.vipHandover(language), REPLY_STEP, now);
            }
            return turn.persist().flatMap(saved -> Turn.latest(conversation.id, SUMMARY_TURNS)).map(latest -> {
                events.add(handoffRequest(input, events.size(), conversation, message.messageId(), message.entities(),
                        handoff, latest, now));
                return events;
            });
        } else {
            turn.state = TurnState.SILENT;
        }
        return turn.persist().replaceWith(events);
    }

    /** Carries out what the conversation's flow decided: its replies, a knowledge search or a handoff. */
    private Uni<List<OutboxEvent>> applyFlow(EventContext input, MessageUnderstood message, Conversation conversation,
            Turn turn, FlowPlanner.Plan plan, List<OutboxEvent> events, Instant now) {
        remember(conversation, plan.state());
        if (plan.suspended() != null) {
            suspend(conversation, plan.suspended());
        }
        turn.state = TurnState.ANSWERED;
        List<BotReply> replies = new ArrayList<>();
        FlowEngine.Handoff handoff = null;
        boolean searchKnowledge = false;
        for (FlowEngine.Action action : plan.actions()) {
            if (action instanceof FlowEngine.Say say) {
                replies.add(new BotReply(say.text(), say.quickReplies()));
            } else if (action instanceof FlowEngine.Handoff requested) {
                handoff = requested;
            } else if (action instanceof FlowEngine.SearchKnowledge) {
                searchKnowledge = true;
            }
        }
        for (int i = 0; i < replies.size(); i++) {
            addReply(input, events, conversation, turn, replies.get(i), i == 0 ? REPLY_STEP : REPLY_STEP + "-" + (i + 1), now);
        }
        boolean takeUpSuspended = plan.state() == null && handoff == null && conversation.suspendedFlow != null;
        if (takeUpSuspended) {
            // the flow started mid-way is done: the one it interrupted waits for "shall we continue?"
            remember(conversation, FlowPlanner.suspendedOf(conversation, mapper));
            suspend(conversation, null);
            conversation.flowResume = RESUME_DUE;
        }
        if (searchKnowledge) {
            turn.state = TurnState.AWAITING_KNOWLEDGE;
            events.add(knowledgeQuery(input, events.size(), conversation, message, turn.language, now));
        } else if (handoff == null) {
            addTurnCompleted(input, events, conversation, turn, true, now);
            offerToResume(input, events, conversation, turn, false, now);
        }
        if (handoff != null) {
            turn.state = TurnState.HANDED_OFF;
            conversation.status = ConversationStatus.QUEUED;
            DialoguePolicy.Handoff decided = new DialoguePolicy.Handoff(handoff.reason(), handoff.skillGroup(),
                    HandoffRequested.Priority.valueOf(handoff.priority()));
            return turn.persist().flatMap(saved -> Turn.latest(conversation.id, SUMMARY_TURNS)).map(latest -> {
                events.add(handoffRequest(input, events.size(), conversation, message.messageId(), message.entities(),
                        decided, latest, now));
                return events;
            });
        }
        return turn.persist().replaceWith(events);
    }

    /**
     * After the answer to a question that interrupted a flow: asks whether to pick the flow up again. The answer
     * is the flow's to handle ({@link FlowEngine#onPausedMessage}).
     */
    private void offerToResume(EventContext input, List<OutboxEvent> events, Conversation conversation, Turn turn,
            boolean topicSwitch, Instant now) {
        if ((topicSwitch || RESUME_DUE.equals(conversation.flowResume)) && conversation.activeFlow != null
                && conversation.status == ConversationStatus.BOT) {
            conversation.flowResume = RESUME_OFFERED;
            addReply(input, events, conversation, turn, Replies.resumeOffer(turn.language), "resume-offer", now);
        }
    }

    private void suspend(Conversation conversation, FlowState state) {
        conversation.suspendedFlow = state == null ? null : state.flowId();
        conversation.suspendedStep = state == null ? null : state.stepId();
        conversation.suspendedSlots = state == null ? null : EventJson.write(mapper, state.slots());
    }

    private void remember(Conversation conversation, FlowState state) {
        conversation.flowResume = null;
        conversation.activeFlow = state == null ? null : state.flowId();
        conversation.flowStep = state == null ? null : state.stepId();
        conversation.flowSlots = state == null ? null : EventJson.write(mapper, state.slots());
        conversation.flowAttempts = state == null ? 0 : state.attempts();
    }

    private Uni<List<OutboxEvent>> answerFromKnowledge(EventContext input, Conversation conversation, Turn turn,
            KnowledgeAnswered answer) {
        List<OutboxEvent> events = new ArrayList<>();
        if (turn == null || turn.state != TurnState.AWAITING_KNOWLEDGE) {
            return Uni.createFrom().item(events); // not ours, or the turn moved on (e.g. handed off meanwhile)
        }
        Instant now = Instant.now();
        String language = turn.language;
        conversation.updatedAt = now;
        List<KnowledgeHit> hits = answer.hits() == null ? List.of() : answer.hits();
        if (answer.decision() == KnowledgeAnswered.Decision.ANSWERED && !hits.isEmpty()) {
            turn.state = TurnState.ANSWERED_FROM_KNOWLEDGE;
            conversation.consecutiveFallbacks = 0;
            BotReply reply = HUMAN_OFFER_INTENTS.contains(turn.intent) ? Replies.answerWithHumanOffer(hits.get(0), language)
                    : Replies.answer(hits.get(0));
            complete(input, events, conversation, turn, reply, true, now);
            offerToResume(input, events, conversation, turn, false, now);
        } else if (answer.decision() == KnowledgeAnswered.Decision.SUGGESTED && !hits.isEmpty()) {
            turn.state = TurnState.SUGGESTED;
            conversation.consecutiveFallbacks = 0;
            complete(input, events, conversation, turn, Replies.suggestions(language, hits), false, now);
            offerToResume(input, events, conversation, turn, false, now);
        } else if (conversation.status == ConversationStatus.BOT && (vipOnFallback(conversation)
                || conversation.consecutiveFallbacks + 1 >= config.maxFallbacks())) {
            // nobody could answer again (or once, for a VIP): a human takes over
            boolean vip = vipOnFallback(conversation);
            turn.state = TurnState.HANDED_OFF;
            conversation.consecutiveFallbacks = 0;
            conversation.status = ConversationStatus.QUEUED;
            conversation.vipHandedOff |= vip;
            addReply(input, events, conversation, turn, vip ? Replies.vipHandover(language) : Replies.handingOver(language),
                    REPLY_STEP, now);
            return Turn.latest(conversation.id, SUMMARY_TURNS).map(latest -> {
                events.add(handoffRequest(input, events.size(), conversation, turn.messageId, List.of(),
                        new DialoguePolicy.Handoff(vip ? "vip" : "fallbacks", "general", HandoffRequested.Priority.NORMAL),
                        latest, now));
                return events;
            });
        } else {
            turn.state = TurnState.UNANSWERED;
            conversation.consecutiveFallbacks++;
            complete(input, events, conversation, turn, Replies.notUnderstood(language), false, now);
            offerToResume(input, events, conversation, turn, false, now);
        }
        return Uni.createFrom().item(events);
    }

    /** A VIP whose tenant hands VIPs over at the first unanswered turn, not handed over for that yet. */
    private boolean vipOnFallback(Conversation conversation) {
        return config.vip().handoffFor(conversation.tenantId) == DialogueConfig.VipHandoff.FALLBACK
                && !conversation.vipHandedOff && isVip(conversation, mapper);
    }

    private void complete(EventContext input, List<OutboxEvent> events, Conversation conversation, Turn turn,
            BotReply reply, boolean resolvedByBot, Instant now) {
        addReply(input, events, conversation, turn, reply, REPLY_STEP, now);
        addTurnCompleted(input, events, conversation, turn, resolvedByBot, now);
    }

    private void addReply(EventContext input, List<OutboxEvent> events, Conversation conversation, Turn turn,
            BotReply reply, String step, Instant now) {
        turn.reply = turn.reply == null ? reply.text() : turn.reply + "\n" + reply.text();
        turn.completedAt = now;
        reply(input, events, conversation, turn.messageId, turn.language, reply, step, now);
    }

    private void reply(EventContext input, List<OutboxEvent> events, Conversation conversation, String inReplyTo,
            String language, BotReply reply, String step, Instant now) {
        ReplyCreated created = new ReplyCreated(EventIds.derive(input.id(), step), conversation.tenantId,
                conversation.channelId, conversation.id, conversation.customerId, inReplyTo, Sender.BOT, null,
                language, reply.text(), reply.quickReplies(), now);
        events.add(event(input, step, events.size(), Topics.REPLY, EventTypes.REPLY_CREATED, conversation, created, now));
    }

    private void addTurnCompleted(EventContext input, List<OutboxEvent> events, Conversation conversation, Turn turn,
            boolean resolvedByBot, Instant now) {
        ConversationEvent completed = new ConversationEvent(ConversationEvent.Type.TURN_COMPLETED,
                conversation.tenantId, conversation.channelId, conversation.id, conversation.customerId,
                turn.messageId, turn.intent, turn.confidence, resolvedByBot, null, now);
        events.add(event(input, "turn-completed", events.size(), Topics.CONVERSATION_EVENT, completed.ceType(),
                conversation, completed, now));
    }

    private OutboxEvent knowledgeQuery(EventContext input, int seq, Conversation conversation,
            MessageUnderstood message, String language, Instant now) {
        KnowledgeQueried query = new KnowledgeQueried(EventIds.derive(input.id(), KNOWLEDGE_QUERY_STEP),
                conversation.tenantId, conversation.channelId, conversation.id, message.messageId(), message.text(),
                language, KNOWLEDGE_HITS);
        return event(input, KNOWLEDGE_QUERY_STEP, seq, Topics.KNOWLEDGE_QUERY, EventTypes.KNOWLEDGE_QUERIED,
                conversation, query, now);
    }

    private OutboxEvent handoffRequest(EventContext input, int seq, Conversation conversation, String messageId,
            List<Entity> entities, DialoguePolicy.Handoff handoff, List<Turn> latest, Instant now) {
        List<Turn> chronological = latest.stream().sorted(Comparator.comparing(t -> t.id)).toList();
        List<TranscriptLine> lines = new ArrayList<>();
        for (Turn t : chronological) {
            lines.add(new TranscriptLine(Sender.CUSTOMER, t.text, t.createdAt));
            if (t.reply != null) {
                lines.add(new TranscriptLine(Sender.BOT, t.reply, t.completedAt));
            }
        }
        List<String> intents = chronological.stream().map(t -> t.intent).distinct().toList();
        CustomerProfile customer = profileOf(conversation, mapper);
        DialoguePolicy.Handoff routed = customer != null && customer.vip()
                ? DialoguePolicy.forVip(handoff, config.vip().priority(), config.vip().skillGroup().orElse(null))
                : handoff;
        HandoffRequested request = new HandoffRequested(EventIds.derive(input.id(), HANDOFF_STEP),
                conversation.tenantId, conversation.channelId,
                conversation.id, conversation.customerId, messageId, routed.reason(), routed.skillGroup(),
                routed.priority(), conversation.language,
                new HandoffRequested.Summary(intents, entities == null ? List.of() : entities, lines),
                now, conversation.channelType, customer, conversation.callId);
        return event(input, HANDOFF_STEP, seq, Topics.HANDOFF_REQUESTED, EventTypes.HANDOFF_REQUESTED, conversation,
                request, now);
    }

    private OutboxEvent conversationEvent(EventContext input, int seq, String step, Conversation conversation,
            ConversationEvent.Type type, MessageUnderstood message, Boolean resolved, Instant now) {
        ConversationEvent event = new ConversationEvent(type, conversation.tenantId, conversation.channelId,
                conversation.id, conversation.customerId, message.messageId(), message.intent().name(),
                message.intent().confidence(), resolved, null, now);
        return event(input, step, seq, Topics.CONVERSATION_EVENT, event.ceType(), conversation, event, now);
    }

    private OutboxEvent event(EventContext input, String step, int seq, String topic, String ceType,
            Conversation conversation, Object payload, Instant now) {
        return OutboxEvent.of(input, step, seq, topic, ceType, conversation.id, conversation.tenantId,
                EventJson.write(mapper, payload), now);
    }
}
