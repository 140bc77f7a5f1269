package io.lingxi.nlu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TrainingDataFormats;
import io.lingxi.nlu.model.TrainingDataProblems;
import io.lingxi.nlu.service.EvaluationJobs;
import io.lingxi.nlu.store.JobStore;
import io.lingxi.nlu.store.TrainingDataStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Evaluation of a tenant's intent data in the background, with the production pipeline: train on
 * {@code train} and score {@code test} (JSON), score an uploaded TSV test file against the tenant's stored
 * training data, or k-fold cross-validate the stored training data ({@code {"folds": k}}).
 */
@Path("/api/v1/nlu/evaluations")
@Tag(name = "NLU evaluation")
@RolesAllowed({"admin", "editor"})
public class EvaluationResource {

    static final int MAX_ITEMS = 50_000;
    static final int MAX_FOLDS = 10;

    /** One labelled example; intent {@code oos} marks out-of-scope text, which should get {@code nlu_fallback}. */
    public record Example(String text, String intent) {
    }

    /**
     * Examples to train on and to test with (at most 50,000 in all), or {@code folds} alone: k-fold
     * cross-validation (2–10) of the tenant's stored training data.
     */
    public record EvaluationRequest(List<Example> train, List<Example> test, Integer folds) {
    }

    /** A job's status: RUNNING with progress in [0, 1], then DONE with the report (or FAILED with errors). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluationStatus(String id, String status, double progress, @JsonRawValue String report,
            @JsonRawValue String errors, Instant createdAt) {

        static EvaluationStatus of(JobStore.Job job) {
            return new EvaluationStatus(job.id(), job.status(), job.progress(), job.report(), job.errors(),
                    job.createdAt());
        }
    }

    private final EvaluationJobs jobs;
    private final TrainingDataStore store;
    private final CallerTenant tenant;

    public EvaluationResource(EvaluationJobs jobs, TrainingDataStore store, CallerTenant tenant) {
        this.jobs = jobs;
        this.store = store;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an evaluation", description = "{train, test} or {folds}; 202 with the job, poll its "
            + "Location.")
    public Uni<RestResponse<EvaluationStatus>> start(@NotNull EvaluationRequest request) {
        String id = tenant.id();
        if (request.folds() != null) {
            if (request.train() != null || request.test() != null) {
                throw new ProblemException(400, "Invalid evaluation data", "Send either train and test, or folds.",
                        List.of(new Problem.FieldError("folds", "cannot be combined with train or test")));
            }
            if (request.folds() < 2 || request.folds() > MAX_FOLDS) {
                throw new ProblemException(400, "Invalid evaluation data", "folds must be 2 to " + MAX_FOLDS + ".",
                        List.of(new Problem.FieldError("folds", "must be 2 to " + MAX_FOLDS)));
            }
            return jobs.crossValidate(id, request.folds()).map(EvaluationResource::accepted);
        }
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
        return jobs.start(id, train, test).map(EvaluationResource::accepted);
    }

    @POST
    @Consumes({TrainingDataResource.TSV_TYPE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score a TSV test file against the tenant's training data",
            description = "text<TAB>intent per line, UTF-8, '#' comments; a model is trained on the tenant's stored "
                    + "examples with the production pipeline. 400 with one error per bad line.")
    public Uni<RestResponse<EvaluationStatus>> startTsv(byte[] body) {
        String id = tenant.id();
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "Invalid evaluation data", "The file is empty.",
                    List.of(new Problem.FieldError("file", "is empty")));
        }
        TrainingDataFormats.Parsed parsed = TrainingDataFormats.read(body, TrainingDataFormats.TSV, Map.of());
        if (!parsed.errors().isEmpty()) {
            throw new ProblemException(400, "Invalid evaluation data", "The file has " + parsed.errors().size()
                    + " problem(s); no evaluation was started.", parsed.errors().stream().limit(200)
                    .map(f -> new Problem.FieldError(f.line() == 0 ? "file" : "line " + f.line(), f.message()))
                    .toList());
        }
        if (parsed.examples().isEmpty()) {
            throw new ProblemException(400, "Invalid evaluation data", "The file holds no test items.",
                    List.of(new Problem.FieldError("file", "holds no text<TAB>intent lines")));
        }
        if (parsed.examples().size() > MAX_ITEMS) {
            throw new ProblemException(400, "Invalid evaluation data", "At most " + MAX_ITEMS + " test items.",
                    List.of(new Problem.FieldError("file", "holds more than " + MAX_ITEMS + " items")));
        }
        return store.trainingData(id).chain(train -> {
            List<Problem.FieldError> errors = TrainingDataProblems.of("examples", train, true).stream()
                    .map(p -> new Problem.FieldError(p.field(), p.message())).limit(50).toList();
            if (!errors.isEmpty()) {
                throw new ProblemException(400, "Invalid evaluation data", "The tenant's training data cannot train "
                        + "a model yet; see errors.", errors);
            }
            return jobs.start(id, train, parsed.examples());
        }).map(EvaluationResource::accepted);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An evaluation's status, progress and report")
    public Uni<EvaluationStatus> get(@RestPath String id) {
        return jobs.find(tenant.id(), id).map(job -> job.map(EvaluationStatus::of)
                .orElseThrow(() -> ProblemException.notFound("No evaluation '" + id + "'.")));
    }

    private static RestResponse<EvaluationStatus> accepted(String job) {
        return RestResponse.ResponseBuilder.<EvaluationStatus>create(RestResponse.Status.ACCEPTED)
                .entity(new EvaluationStatus(job, EvaluationJobs.RUNNING, 0, null, null, Instant.now()))
                .location(URI.create("/api/v1/nlu/evaluations/" + job))
                .build();
    }

    private static List<LabeledText> items(List<Example> examples) {
        if (examples == null) {
            return List.of();
        }
        return examples.stream().map(e -> e == null ? null : new LabeledText(e.text(), e.intent())).toList();
    }
}
