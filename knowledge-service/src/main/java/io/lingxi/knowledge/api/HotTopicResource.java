package io.lingxi.knowledge.api;

import io.lingxi.knowledge.domain.TopicClustering;
import io.lingxi.knowledge.service.KnowledgeEditor;
import io.lingxi.knowledge.service.UnansweredQuestions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What customers ask that the knowledge base cannot answer: the tenant's unanswered and low-confidence questions
 * grouped into topics, most asked first, and a one-step way to turn a topic into a draft entry. Roles admin, editor.
 */
@Path("/api/v1/knowledge/hot-topics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hot topics")
public class HotTopicResource {

    static final double SIMILARITY = 0.5;
    static final int MAX_EXAMPLES = 10;
    static final String PLACEHOLDER_ANSWER = "（待补充答案）Answer to be written.";

    /**
     * The topics of a period; each topic's {@code counts} has one bucket per {@code bucket} ({@code day}, or
     * {@code week} for periods over 92 days) of the period in {@code zone}, oldest first.
     */
    public record HotTopics(Instant from, Instant to, String bucket, String zone, int questions,
            List<TopicClustering.Topic> topics) {
    }

    private final UnansweredQuestions unanswered;
    private final KnowledgeEditor editor;
    private final JsonWebToken jwt;
    private final Vertx vertx;
    private final TopicClustering clustering = new TopicClustering(SIMILARITY);

    public HotTopicResource(UnansweredQuestions unanswered, KnowledgeEditor editor, JsonWebToken jwt, Vertx vertx) {
        this.unanswered = unanswered;
        this.editor = editor;
        this.jwt = jwt;
        this.vertx = vertx;
    }

    @GET
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "Hot topics", description = "Unanswered and low-confidence questions asked in [from, to) "
            + "(ISO-8601 instants or dates; default the last 7 days), grouped into topics, most asked first, each "
            + "with its counts per day (per week for periods over 92 days) in the time zone `zone` (default UTC).")
    public Uni<HotTopics> list(@RestQuery String from, @RestQuery String to, @RestQuery String limit,
            @RestQuery String zone) {
        String tenant = Tenants.of(jwt);
        Instant[] range = range(from, to);
        int max = parseLimit(limit);
        TopicClustering.Timeline timeline = TopicClustering.Timeline.of(range[0], range[1], parseZone(zone));
        return topics(tenant, range, timeline).map(t -> new HotTopics(range[0], range[1], timeline.bucket(),
                timeline.zone().getId(), t.questions(), t.topics().stream().limit(max).toList()));
    }

    @POST
    @Path("/{id}/entry")
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "Make a draft entry from a topic", description = "The topic's most asked wording becomes "
            + "the question, its other wordings the similar questions; the answer is left for the editor to write.")
    public Uni<RestResponse<EntryView>> makeEntry(@RestPath String id, @RestQuery String from, @RestQuery String to) {
        String tenant = Tenants.of(jwt);
        Instant[] range = range(from, to);
        return topics(tenant, range, null).chain(t -> {
            TopicClustering.Topic topic = t.topics().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("No hot topic " + id + " in this period."));
            List<String> similar = topic.examples().stream().map(TopicClustering.Example::question)
                    .filter(q -> !q.equals(topic.question())).map(HotTopicResource::clip).distinct().toList();
            boolean chinese = topic.question().codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            EntryRequest request = new EntryRequest(null, clip(topic.question()), similar, PLACEHOLDER_ANSWER,
                    chinese ? "zh" : "en", "hot-topic", List.of("hot-topic"), List.of(), Map.of(), "draft", null,
                    null, null);
            return editor.create(tenant, Tenants.user(jwt), request);
        }).map(e -> RestResponse.ResponseBuilder.<EntryView>created(URI.create("/api/v1/knowledge/entries/" + e.id))
                .entity(EntryView.of(e)).build());
    }

    private record Clustered(int questions, List<TopicClustering.Topic> topics) {
    }

    /** Reads and clusters on a worker thread, and comes back to the request's context for what follows. */
    private Uni<Clustered> topics(String tenant, Instant[] range, TopicClustering.Timeline timeline) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            List<TopicClustering.Asked> asked = unanswered.between(tenant, range[0], range[1]);
            return new Clustered(asked.size(), clustering.cluster(asked, MAX_EXAMPLES, timeline));
        }));
    }

    private static String clip(String question) {
        return question.length() <= 500 ? question : question.substring(0, 500);
    }

    private static Instant[] range(String from, String to) {
        Instant end = to == null || to.isBlank() ? Instant.now() : parse("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(7)) : parse("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return new Instant[] {start, end};
    }

    private static Instant parse(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant (2026-11-24T00:00:00Z) or date");
        }
    }

    private static ZoneId parseZone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("zone", "must be a time zone such as Asia/Shanghai, UTC or +08:00");
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= 200) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to 200");
    }
}
