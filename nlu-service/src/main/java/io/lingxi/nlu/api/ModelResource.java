package io.lingxi.nlu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.lingxi.nlu.service.ModelLifecycle;
import io.lingxi.nlu.store.JobStore;
import io.lingxi.nlu.store.ModelStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Training jobs and model versions of the caller's tenant: train, list, activate or roll back. */
@Path("/api/v1/nlu")
@Tag(name = "NLU models")
@RolesAllowed({"admin", "editor"})
public class ModelResource {

    /** Start a training job; {@code activate} makes the result active when it succeeds. */
    public record TrainingRequest(boolean activate) {
    }

    /** A training job: RUNNING with progress, then DONE with the new version and its report, or FAILED with errors. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingStatus(String id, String status, double progress, String modelVersion,
            @JsonRawValue String report, @JsonRawValue String errors, Instant createdAt) {
        static TrainingStatus of(JobStore.Job job) {
            return new TrainingStatus(job.id(), job.status(), job.progress(), job.modelVersion(), job.report(),
                    job.errors(), job.createdAt());
        }
    }

    /** A stored version (the report is the cross-validation of its training data). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(String version, String checksum, int examples, boolean active, Instant createdAt,
            @JsonRawValue String report) {
    }

    /** The result of an activation. */
    public record Activation(String version, boolean active) {
    }

    private final ModelLifecycle lifecycle;
    private final JobStore jobs;
    private final ModelStore models;
    private final CallerTenant tenant;

    public ModelResource(ModelLifecycle lifecycle, JobStore jobs, ModelStore models, CallerTenant tenant) {
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.models = models;
        this.tenant = tenant;
    }

    @POST
    @Path("/training-jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Train a new model version on the tenant's examples", description = "202 with the job.")
    public Uni<RestResponse<TrainingStatus>> train(TrainingRequest request) {
        String id = tenant.id();
        return lifecycle.startTraining(id, request != null && request.activate())
                .map(job -> RestResponse.ResponseBuilder.<TrainingStatus>accepted()
                        .entity(new TrainingStatus(job, "RUNNING", 0, null, null, null, Instant.now()))
                        .location(URI.create("/api/v1/nlu/training-jobs/" + job)).build());
    }

    @GET
    @Path("/training-jobs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A training job's status, progress, and then its report or errors")
    public Uni<TrainingStatus> job(@RestPath String id) {
        return jobs.find(tenant.id(), ModelLifecycle.TRAINING, id).map(job -> job.map(TrainingStatus::of)
                .orElseThrow(() -> ProblemException.notFound("There is no training job " + id + ".")));
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's model versions, newest first")
    public Uni<List<VersionView>> versions() {
        return models.versions(tenant.id()).map(list -> list.stream().map(v -> new VersionView(v.version(),
                v.checksum(), v.examples(), v.active(), v.createdAt(), v.report())).toList());
    }

    @POST
    @Path("/models/{version}/activate")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate a version (or roll back to an older one)",
            description = "Published on cs.nlu.model.v1; every replica swaps it in without a restart.")
    public Uni<Activation> activate(@RestPath String version) {
        return lifecycle.activate(tenant.id(), version).map(done -> {
            if (!done) {
                throw ProblemException.notFound("There is no model version '" + version + "'.");
            }
            return new Activation(version, true);
        });
    }
}
