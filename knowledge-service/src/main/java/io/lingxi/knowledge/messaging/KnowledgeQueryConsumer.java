package io.lingxi.knowledge.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.KnowledgeAnswered;
import io.lingxi.contracts.events.KnowledgeHit;
import io.lingxi.contracts.events.KnowledgeQueried;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.service.KnowledgeBase;
import io.lingxi.knowledge.service.Queries;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.knowledge.query.v1} and answers each query on {@code cs.knowledge.answer.v1}, searching only
 * the entries of the query's tenant. The answer's id is derived from the query's, so a redelivered query
 * produces an answer with the same {@code ce_id}, which the dialogue service drops. Nothing is stored, so
 * there is no other state to keep idempotent.
 */
@ApplicationScoped
public class KnowledgeQueryConsumer {

    static final String SOURCE = "knowledge-service";
    static final String ANSWER_STEP = "knowledge-answer";

    private final KnowledgeBase knowledge;
    private final MutinyEmitter<String> answers;
    private final KnowledgeConfig config;
    private final ObjectMapper mapper;

    public KnowledgeQueryConsumer(KnowledgeBase knowledge, @Channel("knowledge-answers") MutinyEmitter<String> answers,
            KnowledgeConfig config, ObjectMapper mapper) {
        this.knowledge = knowledge;
        this.answers = answers;
        this.config = config;
        this.mapper = mapper;
    }

    @Incoming("knowledge-queries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            KnowledgeQueried query = EventJson.read(mapper, message.getPayload(), KnowledgeQueried.class);
            EventJson.require(query.queryId(), "queryId");
            EventJson.require(query.conversationId(), "conversationId");
            EventJson.require(query.query(), "query");
            String tenantId = tenantOf(context, query);
            if (query.query().length() > Queries.MAX_LENGTH) {
                throw new InvalidEventException("query " + query.queryId() + " is longer than " + Queries.MAX_LENGTH
                        + " characters");
            }
            int limit = query.maxHits() > 0 ? Math.min(query.maxHits(), Queries.MAX_LIMIT) : config.defaultHits();
            return knowledge.search(tenantId, query.query(), limit, "bot", context.id())
                    .chain(match -> publish(context, tenantId, query, match));
        });
    }

    /** The tenant is the event's; a payload naming another tenant is refused rather than guessed at. */
    private static String tenantOf(EventContext context, KnowledgeQueried query) {
        String header = context.tenantId();
        String payload = query.tenantId();
        if (header == null || header.isBlank()) {
            throw new InvalidEventException("query " + query.queryId() + " carries no tenantid");
        }
        if (payload != null && !payload.isBlank() && !payload.equals(header)) {
            throw new InvalidEventException("query " + query.queryId() + " names tenant " + payload
                    + " but was sent for tenant " + header);
        }
        return header;
    }

    private Uni<Void> publish(EventContext context, String tenantId, KnowledgeQueried query, Match match) {
        String language = query.language() == null || query.language().isBlank() ? "zh" : query.language();
        KnowledgeAnswered answer = new KnowledgeAnswered(query.queryId(), tenantId, query.channelId(),
                query.conversationId(), query.messageId(), query.query(), language, match.decision(),
                match.hits().stream().map(hit -> hit(hit, query.channelId())).toList());
        return answers.sendMessage(CloudEvents.conversationEvent(EventJson.write(mapper, answer),
                EventIds.derive(context.id(), ANSWER_STEP), EventTypes.KNOWLEDGE_ANSWERED, SOURCE,
                query.conversationId(), tenantId, context.correlationId(), Instant.now()));
    }

    /** The answer written for the query's channel when the entry has one (e.g. a short one for phone). */
    private static KnowledgeHit hit(Match.Hit hit, String channelId) {
        return new KnowledgeHit(hit.faq().id(), hit.faq().question(), hit.faq().answerFor(channelId),
                Queries.round(hit.score()));
    }
}
