package io.lingxi.analytics.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.domain.Analysis.Change;
import io.lingxi.analytics.domain.Analysis.ConversationSeen;
import io.lingxi.analytics.domain.Analysis.Count;
import io.lingxi.analytics.domain.Analysis.FirstMessage;
import io.lingxi.analytics.domain.Analysis.Kpi;
import io.lingxi.analytics.domain.Analysis.Line;
import io.lingxi.analytics.domain.Analysis.KnowledgeEntry;
import io.lingxi.analytics.domain.Analysis.ResponseHalf;
import io.lingxi.analytics.domain.Analysis.Unanswered;
import io.lingxi.analytics.masking.IdHasher;
import io.lingxi.analytics.masking.MaskingPolicy;
import io.lingxi.analytics.masking.PersonalDataMasker;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.ConversationEvent;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.KnowledgeAnswered;
import io.lingxi.contracts.events.KnowledgeHit;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one consumed conversation event into the changes it makes to the analytics tables and its anonymised copy.
 * Pure: the same event always gives the same analysis, which is what makes a rebuild reproduce the live tables.
 * An event that can never be analysed throws {@link InvalidEventException} (it goes to the dead-letter topic).
 */
public final class EventAnalyser {

    /** Topics analytics consumes. */
    public static final List<String> TOPICS = List.of(Topics.MESSAGE_RECEIVED, Topics.MESSAGE_UNDERSTOOD,
            Topics.KNOWLEDGE_ANSWER, Topics.REPLY, Topics.DELIVERY, Topics.HANDOFF_EVENT, Topics.CONVERSATION_EVENT);

    /** Payload fields holding ids of people or conversations: replaced by hashes in the export. */
    private static final Set<String> HASHED_FIELDS = Set.of("customerId", "conversationId", "externalId", "callId");
    /** Fields of the channel's customer profile ({@code customer}) that name a person: replaced whole. */
    private static final Set<String> PERSON_FIELDS = Set.of("name");
    /** Where a customer is ({@code payload} of a location message): dropped. */
    private static final Set<String> PLACE_FIELDS = Set.of("latitude", "longitude");
    /** Payload fields holding free text: masked wherever they occur in the export. */
    private static final Set<String> TEXT_FIELDS = Set.of("text", "query", "question", "answer", "note", "label",
            "url", "fileName",
            "payload", "value", "error", "summary");
    private static final int MAX_ID = 64;

    private final ObjectMapper mapper;
    private final PersonalDataMasker masker;
    private final Function<String, MaskingPolicy> policies;
    private final IdHasher hasher;

    public EventAnalyser(ObjectMapper mapper, PersonalDataMasker masker, Function<String, MaskingPolicy> policies,
            IdHasher hasher) {
        this.mapper = mapper;
        this.masker = masker;
        this.policies = policies;
        this.hasher = hasher;
    }

    public Analysis analyse(String topic, EventContext context, String json) {
        limit(context.id(), "ce_id");
        List<Change> changes = new ArrayList<>();
        Header header = switch (topic) {
            case Topics.MESSAGE_RECEIVED -> received(context, json, changes);
            case Topics.MESSAGE_UNDERSTOOD -> understood(context, json, changes);
            case Topics.KNOWLEDGE_ANSWER -> knowledge(context, json, changes);
            case Topics.REPLY -> reply(context, json, changes);
            case Topics.DELIVERY -> delivery(context, json, changes);
            case Topics.HANDOFF_EVENT -> handoff(context, json, changes);
            case Topics.CONVERSATION_EVENT -> conversation(context, json, changes);
            default -> throw new IllegalArgumentException("analytics does not consume " + topic);
        };
        Instant at = header.at != null ? header.at : context.time();
        if (at == null) {
            throw new InvalidEventException("event " + context.id() + " carries no time (payload or ce_time)");
        }
        String conversationId = header.conversationId != null ? header.conversationId : context.subject();
        EventJson.require(conversationId, "conversationId");
        String conversationHash = hasher.hash(header.tenantId, conversationId);
        return new Analysis(header.tenantId, header.channelId, conversationHash,
                hasher.hash(header.tenantId, header.customerId), at, List.copyOf(changes),
                exportCopy(header.tenantId, json));
    }

    /** The masked text of {@code tenantId}'s policy. */
    public String mask(String tenantId, String text) {
        return text == null ? "" : masker.mask(text, policies.apply(tenantId)).text();
    }

    private record Header(String tenantId, String channelId, String conversationId, String customerId, Instant at) {
    }

    private Header header(EventContext context, String tenantId, String channelId, String conversationId,
            String customerId, Instant at) {
        limit(EventJson.require(tenantId, "tenantId"), "tenantId");
        limit(EventJson.require(channelId, "channelId"), "channelId");
        if (!tenantId.equals(context.tenantId())) {
            throw new InvalidEventException("event " + context.id() + " names tenant " + tenantId
                    + " but its tenantid header is " + context.tenantId());
        }
        return new Header(tenantId, channelId, conversationId, customerId, at);
    }

    private Header received(EventContext context, String json, List<Change> changes) {
        MessageReceived m = EventJson.read(mapper, json, MessageReceived.class);
        Header header = header(context, m.tenantId(), m.channelId(), m.conversationId(), m.customerId(), m.receivedAt());
        changes.add(new Count(Metric.MESSAGES));
        changes.add(Kpi.one(KpiNames.MESSAGES, "", ""));
        changes.add(new ConversationSeen(false, 0));
        changes.add(new FirstMessage());
        changes.add(new Line("m:" + m.channelId() + ":" + id(m.messageId(), context), Sender.CUSTOMER.name(), mask(m.tenantId(), m.text()),
                "", ""));
        if (m.messageId() != null && !m.messageId().isBlank() && m.receivedAt() != null) {
            changes.add(new ResponseHalf(messageHash(m.tenantId(), m.channelId(), m.messageId()), false));
        }
        return header;
    }

    private Header understood(EventContext context, String json, List<Change> changes) {
        MessageUnderstood m = EventJson.read(mapper, json, MessageUnderstood.class);
        Header header = header(context, m.tenantId(), m.channelId(), m.conversationId(), m.customerId(), m.receivedAt());
        String intent = m.intent() == null ? MessageUnderstood.FALLBACK_INTENT : clip(m.intent().name());
        String sentiment = m.sentiment() == null ? "neutral" : clip(m.sentiment().label());
        changes.add(Kpi.one(KpiNames.UNDERSTOOD, intent, sentiment));
        if (MessageUnderstood.FALLBACK_INTENT.equals(intent)) {
            changes.add(Kpi.one(KpiNames.FALLBACKS, intent, ""));
        }
        changes.add(new ConversationSeen(false, 0));
        changes.add(new Line("m:" + m.channelId() + ":" + id(m.messageId(), context), Sender.CUSTOMER.name(), mask(m.tenantId(), m.text()),
                intent, sentiment));
        return header;
    }

    private Header knowledge(EventContext context, String json, List<Change> changes) {
        KnowledgeAnswered k = EventJson.read(mapper, json, KnowledgeAnswered.class);
        Header header = header(context, k.tenantId(), k.channelId(), k.conversationId(), null, null);
        EventJson.require(k.decision(), "decision");
        changes.add(Kpi.one(KpiNames.KNOWLEDGE, "", k.decision().name()));
        if (k.decision() == KnowledgeAnswered.Decision.UNANSWERED) {
            String question = mask(k.tenantId(), k.query());
            changes.add(new Unanswered(k.language() == null ? "" : clip(k.language()), question, QuestionKey.of(question)));
        } else if (k.hits() != null && !k.hits().isEmpty() && k.hits().get(0) != null
                && k.hits().get(0).entryId() != null && !k.hits().get(0).entryId().isBlank()) {
            KnowledgeHit top = k.hits().get(0);
            changes.add(Kpi.one(KpiNames.KNOWLEDGE_HITS, "", clip(top.entryId())));
            changes.add(new KnowledgeEntry(clip(top.entryId()), mask(k.tenantId(), top.question())));
        }
        changes.add(new ConversationSeen(false, 0));
        return header;
    }

    private Header reply(EventContext context, String json, List<Change> changes) {
        ReplyCreated r = EventJson.read(mapper, json, ReplyCreated.class);
        Header header = header(context, r.tenantId(), r.channelId(), r.conversationId(), r.customerId(), r.createdAt());
        Sender sender = r.sender() == null ? Sender.BOT : r.sender();
        changes.add(new Count(Metric.REPLIES));
        if (sender == Sender.AGENT) {
            changes.add(new Count(Metric.AGENT_REPLIES));
        }
        changes.add(Kpi.one(KpiNames.REPLIES, "", sender.name()));
        changes.add(new ConversationSeen(false, 0));
        changes.add(new Line("r:" + id(r.replyId(), context), sender.name(), mask(r.tenantId(), r.text()), "", ""));
        if (sender == Sender.BOT && r.inReplyTo() != null && !r.inReplyTo().isBlank() && r.createdAt() != null) {
            changes.add(new ResponseHalf(messageHash(r.tenantId(), r.channelId(), r.inReplyTo()), true));
        }
        return header;
    }

    private Header delivery(EventContext context, String json, List<Change> changes) {
        ReplyDelivery d = EventJson.read(mapper, json, ReplyDelivery.class);
        Header header = header(context, d.tenantId(), d.channelId(), d.conversationId(), null, d.at());
        EventJson.require(d.status(), "status");
        changes.add(Kpi.one(KpiNames.DELIVERIES, "", d.status().name()));
        changes.add(new ConversationSeen(false, 0));
        return header;
    }

    private Header handoff(EventContext context, String json, List<Change> changes) {
        HandoffEvent h = EventJson.read(mapper, json, HandoffEvent.class);
        EventJson.require(h.type(), "type");
        Header header = header(context, h.tenantId(), h.channelId(), h.conversationId(), null, h.occurredAt());
        changes.add(Kpi.one(KpiNames.HANDOFF_EVENTS, "", h.type().name()));
        boolean queued = h.type() == HandoffEvent.Type.QUEUED;
        if (queued) {
            changes.add(new Count(Metric.HANDOFFS));
            changes.add(Kpi.one(KpiNames.HANDOFFS, "", h.reason() == null ? "unknown" : clip(h.reason())));
        }
        if (h.waitMillis() != null && h.waitMillis() >= 0) {
            if (h.type() == HandoffEvent.Type.AGENT_ASSIGNED) {
                changes.add(new Kpi(KpiNames.WAIT_MS, "", "", 1, h.waitMillis()));
            } else if (h.type() == HandoffEvent.Type.CLOSED) {
                changes.add(new Kpi(KpiNames.HANDOFF_DURATION_MS, "", "", 1, h.waitMillis()));
            }
        }
        if (h.type() == HandoffEvent.Type.CLOSED || h.type() == HandoffEvent.Type.TRANSFERRED
                || h.type() == HandoffEvent.Type.RETURNED_TO_BOT) {
            if (h.firstResponseMillis() != null && h.firstResponseMillis() >= 0) {
                changes.add(new Kpi(KpiNames.FIRST_RESPONSE_MS, "", "", 1, h.firstResponseMillis()));
            }
            if (h.handleMillis() != null && h.handleMillis() >= 0) {
                changes.add(new Kpi(KpiNames.HANDLE_MS, "", "", 1, h.handleMillis()));
            }
        }
        changes.add(new ConversationSeen(queued, 0));
        return header;
    }

    private Header conversation(EventContext context, String json, List<Change> changes) {
        ConversationEvent c = EventJson.read(mapper, json, ConversationEvent.class);
        EventJson.require(c.type(), "type");
        Header header = header(context, c.tenantId(), c.channelId(), c.conversationId(), c.customerId(), c.occurredAt());
        String intent = c.intent() == null ? "" : clip(c.intent());
        int csat = 0;
        switch (c.type()) {
            case TURN_COMPLETED -> {
                changes.add(Kpi.one(KpiNames.TURNS, intent, ""));
                if (Boolean.TRUE.equals(c.resolvedByBot())) {
                    changes.add(Kpi.one(KpiNames.BOT_RESOLVED_TURNS, intent, ""));
                }
            }
            case RESOLVED -> changes.add(Kpi.one(KpiNames.RESOLVED, intent, ""));
            case CLOSED -> changes.add(Kpi.one(KpiNames.CLOSED, intent, ""));
            case SURVEY_ANSWERED -> {
                Integer score = EventJson.require(c.surveyScore(), "surveyScore");
                if (score < 1 || score > 5) {
                    throw new InvalidEventException("surveyScore must be 1 to 5, not " + score);
                }
                csat = score;
                changes.add(new Kpi(KpiNames.CSAT, "", String.valueOf(score), 1, score));
            }
            case STARTED -> {
                // the conversation is counted from its first customer message, which every conversation has
            }
        }
        changes.add(new ConversationSeen(false, csat));
        return header;
    }

    /** The payload as a map, ids hashed and free text masked, at any depth. */
    private Map<String, Object> exportCopy(String tenantId, String json) {
        try {
            Map<String, Object> data = mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> masked = (Map<String, Object>) anonymise(tenantId, null, null, data);
            return masked;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** @param parent the field holding the object {@code field} belongs to, e.g. {@code customer} for its name */
    private Object anonymise(String tenantId, String parent, String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), anonymise(tenantId, field, String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> anonymise(tenantId, parent, field, item)).toList();
        }
        if ("payload".equals(parent) && PLACE_FIELDS.contains(field)) {
            return null;
        }
        if (value instanceof String text && "customer".equals(parent) && PERSON_FIELDS.contains(field)) {
            return text.isBlank() ? text : "[NAME]";
        }
        if (value instanceof String text && field != null) {
            if (HASHED_FIELDS.contains(field)) {
                return hasher.hash(tenantId, text);
            }
            if (TEXT_FIELDS.contains(field)) {
                return mask(tenantId, text);
            }
        }
        return value;
    }

    /** A customer message's id as the tables keep it: hashed, with its channel. */
    private String messageHash(String tenantId, String channelId, String messageId) {
        return hasher.hash(tenantId, channelId + ":" + messageId);
    }

    private static String id(String id, EventContext context) {
        return id == null || id.isBlank() ? context.id() : clip(id);
    }

    private static String clip(String value) {
        return value.length() > MAX_ID ? value.substring(0, MAX_ID) : value;
    }

    private static void limit(String value, String field) {
        if (value.length() > MAX_ID) {
            throw new InvalidEventException("field " + field + " is longer than 64 characters");
        }
    }
}
