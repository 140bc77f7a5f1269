package io.lingxi.nlu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.nlu.names.AnnotatedExample;
import io.lingxi.nlu.names.AnnotationFormats;
import io.lingxi.nlu.store.AnnotatedExampleStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A tenant's annotated examples: sentences with the names (products, cities, people, stores, … of the tenant's
 * own types) marked, from which the next training job also trains an OpenNLP name finder. Written in OpenNLP's
 * inline form ({@code 我想买<START:product> 小米14 <END>}) or as JSON with character offsets.
 */
@Path("/api/v1/nlu/annotated-examples")
@Tag(name = "NLU training data")
@RolesAllowed({"admin", "editor"})
public class AnnotatedExampleResource {

    /** One marked name, with the text it covers. */
    public record Name(String type, int start, int end, String text) {
    }

    /** A stored annotated example, in both forms. */
    public record ExampleView(long id, String text, List<Name> entities, String annotated) {

        static ExampleView of(AnnotatedExampleStore.Stored stored) {
            AnnotatedExample e = stored.example();
            return new ExampleView(stored.id(), e.text(), e.entities().stream()
                    .map(a -> new Name(a.type(), a.start(), a.end(), e.text().substring(a.start(), a.end()))).toList(),
                    e.inline());
        }
    }

    /** What an import added and skipped. */
    public record ImportReport(int imported, List<AnnotationFormats.Finding> duplicates) {
    }

    private final AnnotatedExampleStore store;
    private final CallerTenant tenant;
    private final ObjectMapper mapper;

    public AnnotatedExampleResource(AnnotatedExampleStore store, CallerTenant tenant, ObjectMapper mapper) {
        this.store = store;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's annotated examples")
    public Uni<List<ExampleView>> examples(@QueryParam("type") String type) {
        return store.examples(tenant.id()).map(all -> all.stream()
                .filter(s -> type == null || s.example().entities().stream().anyMatch(a -> a.type().equals(type)))
                .map(ExampleView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an annotated example", description = "{\"annotated\": \"我想买<START:product> 小米14 <END>\"}"
            + " or {\"text\": \"我想买小米14\", \"entities\": [{\"type\": \"product\", \"start\": 3, \"end\": 7}]}.")
    public Uni<RestResponse<ExampleView>> add(JsonNode body) {
        String id = tenant.id();
        AnnotationFormats.Read read = AnnotationFormats.item(body);
        if (!read.errors().isEmpty()) {
            String field = body != null && body.hasNonNull("annotated") ? "annotated" : "entities";
            throw new ProblemException(400, "Bad Request", "The annotated example is not valid; see errors.",
                    read.errors().stream().map(m -> new Problem.FieldError(
                            m.startsWith("the text") || m.startsWith("\"text\"") ? "text" : field, m)).toList());
        }
        return store.add(id, read.example()).map(added -> {
            AnnotatedExampleStore.Stored stored = added.orElseThrow(() -> new ProblemException(409, "Conflict",
                    "This sentence is already an annotated example; delete it first to annotate it differently."));
            return RestResponse.ResponseBuilder.<ExampleView>create(201).entity(ExampleView.of(stored))
                    .location(URI.create("/api/v1/nlu/annotated-examples/" + stored.id())).build();
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an annotated example")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return store.delete(tenant.id(), id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("There is no annotated example " + id + ".");
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("/import")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import annotated examples", description = "text/plain: one sentence a line in the inline "
            + "form (# comments); application/json: [{text, entities} | {annotated}]. UTF-8. All or nothing: any "
            + "error (with its line or item) rejects the file; repeats are skipped. replace=true replaces all.")
    public Uni<ImportReport> importExamples(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @QueryParam("replace") boolean replace) {
        String id = tenant.id();
        String contentType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean json = contentType.startsWith(MediaType.APPLICATION_JSON);
        if (!json && !contentType.startsWith(MediaType.TEXT_PLAIN)) {
            throw new ProblemException(415, "Unsupported Media Type", "Send text/plain (one inline-annotated "
                    + "sentence a line) or application/json.", List.of(new Problem.FieldError("file",
                    "unknown format '" + contentType + "'; use text/plain or application/json")));
        }
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "Bad Request", "The file is empty.",
                    List.of(new Problem.FieldError("file", "the file is empty")));
        }
        return (replace ? Uni.createFrom().item(List.<AnnotatedExampleStore.Stored>of()) : store.examples(id))
                .chain(stored -> {
                    Map<String, AnnotatedExample> existing = new HashMap<>();
                    stored.forEach(s -> existing.put(s.example().text(), s.example()));
                    AnnotationFormats.Parsed parsed = AnnotationFormats.read(body, json, existing);
                    if (!parsed.errors().isEmpty()) {
                        throw new ProblemException(400, "Bad Request", "The file has " + parsed.errors().size()
                                + " problem(s); nothing was imported.", parsed.errors().stream().limit(200)
                                .map(f -> new Problem.FieldError(f.where(), f.message())).toList());
                    }
                    return store.addAll(id, parsed.examples(), replace)
                            .map(count -> new ImportReport(count, parsed.duplicates()));
                });
    }

    @GET
    @Path("/export")
    @Operation(summary = "Export the annotated examples", description = "format txt (inline form, default) or json.")
    public Uni<RestResponse<byte[]>> export(@QueryParam("format") String format) {
        String chosen = format == null ? "txt" : format;
        if (!chosen.equals("txt") && !chosen.equals("json")) {
            throw new ProblemException(400, "Bad Request", "format must be txt or json.",
                    List.of(new Problem.FieldError("format", "must be txt or json")));
        }
        return store.examples(tenant.id()).map(all -> {
            byte[] bytes;
            if (chosen.equals("txt")) {
                StringBuilder out = new StringBuilder();
                all.forEach(s -> out.append(s.example().inline()).append('\n'));
                bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    bytes = mapper.writeValueAsBytes(all.stream()
                            .map(s -> Map.of("text", s.example().text(), "entities", s.example().entities())).toList());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return RestResponse.ResponseBuilder.ok(bytes)
                    .header(HttpHeaders.CONTENT_TYPE, chosen.equals("txt") ? "text/plain;charset=UTF-8"
                            : MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"nlu-annotated-examples." + chosen + "\"")
                    .build();
        });
    }
}
