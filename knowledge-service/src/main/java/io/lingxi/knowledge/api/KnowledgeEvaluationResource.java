package io.lingxi.knowledge.api;

import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.FaqEntry;
import io.lingxi.knowledge.service.Evaluations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Measures search quality on a labelled question set, as a background job. JWT roles admin or editor. */
@Path("/api/v1/knowledge/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge evaluation")
public class KnowledgeEvaluationResource {

    static final int MAX_ENTRIES = 50_000;
    static final int MAX_QUERIES = 20_000;
    static final int MAX_ERRORS = 50;

    private final Evaluations evaluations;
    private final JsonWebToken jwt;

    public KnowledgeEvaluationResource(Evaluations evaluations, JsonWebToken jwt) {
        this.evaluations = evaluations;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "Start an evaluation", description = "Builds a throw-away index of the given entries (or "
            + "of the tenant's servable entries when none are given) with the production analysis and scoring, "
            + "searches every query and reports precision@1, MRR@10, recall@10, latency and the misses. 202 + id.")
    public Uni<RestResponse<Evaluations.Job>> start(EvaluationRequest request) {
        String tenant = Tenants.of(jwt);
        if (request == null) {
            throw ProblemException.invalid("body", "send {\"queries\": [{\"query\", \"relevantIds\"}], ...}");
        }
        String backend = request.backend() == null ? "lucene" : request.backend();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!backend.equals("lucene") && !backend.equals("elasticsearch")) {
            errors.add(new Problem.FieldError("backend", "must be lucene or elasticsearch"));
        }
        List<Evaluations.Labelled> queries = queries(request, errors);
        List<Faq> given = request.entries() == null ? null : entries(request.entries(), tenant, errors);
        List<List<String>> synonyms = request.synonyms() == null ? List.of() : request.synonyms();
        if (synonyms.stream().anyMatch(group -> group == null || group.stream().anyMatch(t -> t == null))) {
            errors.add(new Problem.FieldError("synonyms", "must be a list of lists of terms"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid evaluation", "The evaluation request has invalid fields; "
                    + "see errors.", errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
        }
        Uni<List<Faq>> entries = given != null ? Uni.createFrom().item(given)
                : Panache.withSession(() -> FaqEntry.listOfTenant(tenant)).map(rows -> rows.stream()
                        .map(FaqEntry::toFaq).filter(faq -> faq.servableAt(Instant.now())).toList());
        // recording the job is JDBC: off the event loop
        return entries.emitOn(Infrastructure.getDefaultWorkerPool()).map(faqs -> {
            if (faqs.isEmpty()) {
                throw ProblemException.invalid("entries", "there are no entries to search: send some");
            }
            Evaluations.Job job = evaluations.start(tenant, backend, faqs, queries, synonyms);
            return RestResponse.ResponseBuilder.accepted(job)
                    .location(URI.create("/api/v1/knowledge/evaluations/" + job.id())).build();
        });
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "An evaluation's progress, then its report")
    public Evaluations.Job get(@RestPath String id) {
        String tenant = Tenants.of(jwt);
        return evaluations.find(tenant, id)
                .orElseThrow(() -> ProblemException.notFound("No evaluation " + id + " (the last "
                        + Evaluations.KEPT + " of each tenant are kept)."));
    }

    private static List<Evaluations.Labelled> queries(EvaluationRequest request, List<Problem.FieldError> errors) {
        List<Evaluations.Labelled> queries = new ArrayList<>();
        if (request.queries() == null || request.queries().isEmpty()) {
            errors.add(new Problem.FieldError("queries", "must hold at least one labelled query"));
            return queries;
        }
        if (request.queries().size() > MAX_QUERIES) {
            errors.add(new Problem.FieldError("queries", "must hold at most " + MAX_QUERIES + " queries"));
            return queries;
        }
        Set<String> ids = request.entries() == null ? null : new HashSet<>();
        if (ids != null) {
            request.entries().stream().filter(e -> e != null && e.id() != null).forEach(e -> ids.add(e.id()));
        }
        for (int i = 0; i < request.queries().size(); i++) {
            EvaluationRequest.LabelledQuery q = request.queries().get(i);
            String field = "queries[" + i + "]";
            if (q == null || q.query() == null || q.query().isBlank()) {
                errors.add(new Problem.FieldError(field + ".query", "must not be blank"));
                continue;
            }
            if (q.relevantIds() == null || q.relevantIds().isEmpty() || q.relevantIds().stream().anyMatch(
                    id -> id == null || id.isBlank())) {
                errors.add(new Problem.FieldError(field + ".relevantIds", "must name at least one entry id"));
                continue;
            }
            if (ids != null && q.relevantIds().stream().noneMatch(ids::contains)) {
                errors.add(new Problem.FieldError(field + ".relevantIds", "names no entry of this request"));
                continue;
            }
            queries.add(new Evaluations.Labelled(q.query(), new LinkedHashSet<>(q.relevantIds())));
        }
        return queries;
    }

    private static List<Faq> entries(List<EvaluationRequest.Entry> entries, String tenant,
            List<Problem.FieldError> errors) {
        if (entries.isEmpty()) {
            errors.add(new Problem.FieldError("entries", "must hold at least one entry, or be left out"));
        }
        if (entries.size() > MAX_ENTRIES) {
            errors.add(new Problem.FieldError("entries", "must hold at most " + MAX_ENTRIES + " entries"));
            return List.of();
        }
        List<Faq> faqs = new ArrayList<>(entries.size());
        Set<String> seen = new HashSet<>();
        Instant always = Instant.EPOCH;
        for (int i = 0; i < entries.size(); i++) {
            EvaluationRequest.Entry e = entries.get(i);
            String field = "entries[" + i + "]";
            if (e == null || e.id() == null || e.id().isBlank()) {
                errors.add(new Problem.FieldError(field + ".id", "must not be blank"));
                continue;
            }
            if (!seen.add(e.id())) {
                errors.add(new Problem.FieldError(field + ".id", "duplicates an earlier entry's id"));
                continue;
            }
            if (e.question() == null || e.question().isBlank()) {
                errors.add(new Problem.FieldError(field + ".question", "must not be blank"));
                continue;
            }
            List<String> similar = e.similarQuestions() == null ? List.of()
                    : e.similarQuestions().stream().filter(s -> s != null && !s.isBlank()).toList();
            faqs.add(Faq.of(e.id(), tenant, e.question(), similar, e.answer() == null ? "" : e.answer(),
                    e.language() == null ? "zh" : e.language(), true, always, null));
        }
        return faqs;
    }
}
