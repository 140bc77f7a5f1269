package io.lingxi.nlu.api;

import io.lingxi.nlu.model.EvaluationReport;
import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TrainingDataProblems;
import io.lingxi.nlu.service.EvaluationJobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Evaluation of a tenant's intent data: trains a throw-away model with the production pipeline on
 * {@code train}, scores {@code test}, in the background.
 */
@Path("/api/v1/nlu/evaluations")
@Tag(name = "NLU evaluation")
@RolesAllowed({"admin", "editor"})
public class EvaluationResource {

    static final int MAX_ITEMS = 50_000;
    static final String TENANT_CLAIM = "tenant";

    /** One labelled example; intent {@code oos} marks out-of-scope text, which should get {@code nlu_fallback}. */
    public record Example(String text, String intent) {
    }

    /** Examples to train on and to test with; at most 50,000 in all. */
    public record EvaluationRequest(List<Example> train, List<Example> test) {
    }

    /** A job's status: RUNNING with progress in [0, 1], then DONE with the report (or FAILED with an error). */
    public record EvaluationStatus(String id, String status, double progress, EvaluationReport report, String error) {

        static EvaluationStatus of(EvaluationJobs.Job job) {
            return new EvaluationStatus(job.id(), job.status(), job.progress(), job.report(), job.error());
        }
    }

    private final EvaluationJobs jobs;
    private final JsonWebToken jwt;

    public EvaluationResource(EvaluationJobs jobs, JsonWebToken jwt) {
        this.jobs = jobs;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an evaluation", description = "202 with the job; poll its Location.")
    public RestResponse<EvaluationStatus> start(@NotNull EvaluationRequest request) {
        String tenant = tenant();
        List<LabeledText> train = items(request.train());
        List<LabeledText> test = items(request.test());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.train() == null || request.train().isEmpty()) {
            errors.add(new Problem.FieldError("train", "must list labelled examples"));
        }
        if (request.test() == null || request.test().isEmpty()) {
            errors.add(new Problem.FieldError("test", "must list labelled examples"));
        }
        if (train.size() + test.size() > MAX_ITEMS) {
            errors.add(new Problem.FieldError("train", "train and test together may hold at most " + MAX_ITEMS
                    + " items (got " + (train.size() + test.size()) + ")"));
        }
        if (errors.isEmpty()) {
            TrainingDataProblems.of("train", train, true)
                    .forEach(p -> errors.add(new Problem.FieldError(p.field(), p.message())));
            TrainingDataProblems.of("test", test, false)
                    .forEach(p -> errors.add(new Problem.FieldError(p.field(), p.message())));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid evaluation data",
                    "The examples cannot be used for an evaluation; see errors.", errors.stream().limit(50).toList());
        }
        EvaluationJobs.Job job = jobs.start(tenant, train, test);
        return RestResponse.ResponseBuilder.<EvaluationStatus>create(RestResponse.Status.ACCEPTED)
                .entity(EvaluationStatus.of(job))
                .location(URI.create("/api/v1/nlu/evaluations/" + job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An evaluation's status, progress and report")
    public EvaluationStatus get(@RestPath String id) {
        return jobs.find(tenant(), id).map(EvaluationStatus::of)
                .orElseThrow(() -> ProblemException.notFound("No evaluation '" + id + "'."));
    }

    private static List<LabeledText> items(List<Example> examples) {
        if (examples == null) {
            return List.of();
        }
        return examples.stream().map(e -> e == null ? null : new LabeledText(e.text(), e.intent())).toList();
    }

    private String tenant() {
        Object claim = jwt.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token names no tenant.");
        }
        return tenant;
    }
}
