package io.lingxi.knowledge.api;

import io.lingxi.knowledge.domain.Thresholds;
import io.lingxi.knowledge.service.EntryFiles;
import io.lingxi.knowledge.service.ImportJobs;
import io.lingxi.knowledge.service.KnowledgeEditor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The management API of the caller's tenant's knowledge base (JWT roles admin or editor; the tenant is the token's):
 * entries with version history, synonyms, thresholds, search-as-you-type, bulk import and export.
 */
@Path("/api/v1/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "editor"})
@Tag(name = "Knowledge management")
public class KnowledgeEntryResource {

    static final int MAX_PAGE_SIZE = 200;
    static final String JSON_LINES = "application/x-ndjson";

    private final KnowledgeEditor editor;
    private final ImportJobs imports;
    private final JsonWebToken jwt;

    public KnowledgeEntryResource(KnowledgeEditor editor, ImportJobs imports, JsonWebToken jwt) {
        this.editor = editor;
        this.imports = imports;
        this.jwt = jwt;
    }

    /** One saved state of an entry. */
    public record VersionView(int version, String change, String changedBy, Instant changedAt, String snapshot) {
    }

    /** A synonym group: at least two terms that customers use for the same thing. */
    public record SynonymRequest(@NotNull @Size(min = 2, max = 20) List<@NotNull @Size(min = 1, max = 32) String> terms) {
    }

    public record SynonymView(String id, List<String> terms, Instant updatedAt) {
    }

    /** Confidence thresholds: answer from {@code answerThreshold}, suggest from {@code suggestThreshold}. */
    public record ThresholdsRequest(@NotNull @DecimalMin("0.01") @DecimalMax("1.0") Double answerThreshold,
            @NotNull @DecimalMin("0.01") @DecimalMax("1.0") Double suggestThreshold) {
    }

    public record ThresholdsView(double answerThreshold, double suggestThreshold) {
    }

    /** A search-as-you-type hit. */
    public record LookupHit(String id, String question, String language, String category, boolean published) {
    }

    @GET
    @Path("/entries")
    @Operation(summary = "List entries", description = "Drafts included; filter by status and category; pages from 0.")
    public Uni<List<EntryView>> list(@RestQuery String status, @RestQuery String category, @RestQuery Integer page,
            @RestQuery Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        if (status != null && !status.matches("draft|published")) {
            throw ProblemException.invalid("status", "must be draft or published");
        }
        return editor.list(Tenants.of(jwt), status, category, p, s)
                .map(entries -> entries.stream().map(EntryView::of).toList());
    }

    @GET
    @Path("/entries/{id}")
    public Uni<EntryView> get(@RestPath String id) {
        return editor.get(Tenants.of(jwt), id).map(EntryView::of);
    }

    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an entry", description = "Status draft unless given; searchable at once.")
    public Uni<RestResponse<EntryView>> create(@Valid @NotNull EntryRequest request) {
        return editor.create(Tenants.of(jwt), Tenants.user(jwt), request)
                .map(e -> RestResponse.ResponseBuilder.<EntryView>created(
                        URI.create("/api/v1/knowledge/entries/" + e.id)).entity(EntryView.of(e)).build());
    }

    @PUT
    @Path("/entries/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an entry", description = "Send the version you read to detect concurrent edits (409).")
    public Uni<EntryView> update(@RestPath String id, @Valid @NotNull EntryRequest request) {
        return editor.update(Tenants.of(jwt), Tenants.user(jwt), id, request).map(EntryView::of);
    }

    @DELETE
    @Path("/entries/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return editor.delete(Tenants.of(jwt), Tenants.user(jwt), id).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/entries/{id}/versions")
    @Operation(summary = "Version history of an entry", description = "Oldest first; the last is the current state.")
    public Uni<List<VersionView>> versions(@RestPath String id) {
        return editor.versions(Tenants.of(jwt), id).map(versions -> versions.stream()
                .map(v -> new VersionView(v.version, v.change, v.changedBy, v.changedAt, v.snapshot)).toList());
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "Search-as-you-type", description = "Entries whose questions, keywords or answer match the "
            + "text typed so far (last word as a prefix); drafts and expired entries included.")
    public Uni<List<LookupHit>> lookup(@RestQuery String q, @RestQuery Integer limit) {
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("q", "must not be blank");
        }
        if (q.length() > 200) {
            throw ProblemException.invalid("q", "must be at most 200 characters");
        }
        int max = limit == null ? 10 : limit;
        if (max < 1 || max > 20) {
            throw ProblemException.invalid("limit", "must be from 1 to 20");
        }
        return editor.lookup(Tenants.of(jwt), q, max).map(faqs -> faqs.stream()
                .map(f -> new LookupHit(f.id(), f.question(), f.language(), f.category(), f.published())).toList());
    }

    @POST
    @Path("/imports")
    @Consumes({JSON_LINES, "application/jsonl", "text/csv"})
    @Operation(summary = "Start a bulk import (JSON Lines or CSV)", description = "202 + Location of the job. The job "
            + "validates every row, then writes all of them in one transaction, or none: a file with rejected rows "
            + "fails with every rejected line and why, and changes nothing. Rows with an existing id of the tenant "
            + "replace that entry. One unfinished import per tenant (409 otherwise).")
    public Uni<RestResponse<ImportJobs.Job>> importEntries(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("body", "the file is empty");
        }
        String tenant = Tenants.of(jwt);
        String user = Tenants.user(jwt);
        boolean csv = contentType != null && contentType.startsWith("text/csv");
        // a file may be 20 MB: parse it off the event loop
        return Uni.createFrom().item(() -> csv ? EntryFiles.readCsv(body) : EntryFiles.readJsonLines(body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.invalid("body", "the file has no rows");
                    }
                    return imports.start(tenant, user, csv ? "csv" : "jsonl", rows);
                })
                .map(job -> RestResponse.ResponseBuilder.accepted(job)
                        .location(URI.create("/api/v1/knowledge/imports/" + job.id())).build());
    }

    @GET
    @Path("/imports/{id}")
    @Operation(summary = "An import job", description = "status queued, running, succeeded or failed; phase "
            + "(validating, writing, indexing, done) with processed of total rows; created/updated counts; when "
            + "failed, reason and the rejected rows (line, id, errors).")
    public Uni<ImportJobs.Job> importJob(@RestPath String id) {
        return imports.find(Tenants.of(jwt), id).map(job -> job.orElseThrow(
                () -> ProblemException.notFound("There is no import " + id + ".")));
    }

    @GET
    @Path("/imports")
    @Operation(summary = "The latest import jobs", description = "Newest first, at most 20.")
    public Uni<List<ImportJobs.Job>> importJobs() {
        return imports.latest(Tenants.of(jwt));
    }

    @GET
    @Path("/exports")
    @Produces({JSON_LINES, "text/csv"})
    @Operation(summary = "Export every entry", description = "format=jsonl (default) or csv (UTF-8 with BOM, for Excel).")
    public Uni<RestResponse<String>> export(@RestQuery String format) {
        String f = format == null ? "jsonl" : format;
        if (!f.equals("jsonl") && !f.equals("csv")) {
            throw ProblemException.invalid("format", "must be jsonl or csv");
        }
        return editor.all(Tenants.of(jwt)).map(entries -> RestResponse.ResponseBuilder
                .ok(f.equals("csv") ? EntryFiles.toCsv(entries) : EntryFiles.toJsonLines(entries))
                .type(f.equals("csv") ? "text/csv; charset=UTF-8" : JSON_LINES + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"knowledge." + f + "\"")
                .build());
    }

    @GET
    @Path("/synonyms")
    public Uni<List<SynonymView>> synonyms() {
        return editor.synonyms(Tenants.of(jwt)).map(groups -> groups.stream()
                .map(g -> new SynonymView(g.id, g.terms, g.updatedAt)).toList());
    }

    @POST
    @Path("/synonyms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SynonymView>> createSynonyms(@Valid @NotNull SynonymRequest request) {
        return editor.saveSynonyms(Tenants.of(jwt), null, request.terms())
                .map(g -> RestResponse.ResponseBuilder.<SynonymView>created(
                        URI.create("/api/v1/knowledge/synonyms/" + g.id))
                        .entity(new SynonymView(g.id, g.terms, g.updatedAt)).build());
    }

    @PUT
    @Path("/synonyms/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SynonymView> updateSynonyms(@RestPath String id, @Valid @NotNull SynonymRequest request) {
        return editor.saveSynonyms(Tenants.of(jwt), id, request.terms())
                .map(g -> new SynonymView(g.id, g.terms, g.updatedAt));
    }

    @DELETE
    @Path("/synonyms/{id}")
    public Uni<RestResponse<Void>> deleteSynonyms(@RestPath String id) {
        return editor.deleteSynonyms(Tenants.of(jwt), id).map(ignored -> RestResponse.noContent());
    }

    @PUT
    @Path("/settings/thresholds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Set the tenant's confidence thresholds", description = "Admins only; suggest ≤ answer.")
    public Uni<ThresholdsView> thresholds(@Valid @NotNull ThresholdsRequest request) {
        if (request.suggestThreshold() > request.answerThreshold()) {
            throw ProblemException.invalid("suggestThreshold", "must not be above answerThreshold");
        }
        return editor.saveThresholds(Tenants.of(jwt), new Thresholds(request.answerThreshold(),
                        request.suggestThreshold()))
                .map(t -> new ThresholdsView(t.answer(), t.suggest()));
    }
}
