package io.lingxi.nlu.api;

import io.lingxi.nlu.model.TrainingDataFormats;
import io.lingxi.nlu.names.AnnotationFormats;
import io.lingxi.nlu.store.AnnotatedExampleStore;
import io.lingxi.nlu.store.TrainingDataStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** A tenant's intents and examples: CRUD, and import/export as JSON, TSV or Rasa-style YAML. */
@Path("/api/v1/nlu/training-data")
@Tag(name = "NLU training data")
@RolesAllowed({"admin", "editor"})
public class TrainingDataResource {

    static final String NAME = "[\\p{L}\\p{N}_.\\-]{1,100}";
    static final String TSV_TYPE = "text/tab-separated-values";
    static final String YAML_TYPE = "application/yaml";

    /** An intent's description. */
    public record IntentRequest(@Size(max = 500) String description) {
    }

    /** A new example. */
    public record ExampleRequest(@NotBlank @Size(max = 2000) String text,
            @NotBlank @Pattern(regexp = NAME, message = "must be 1-100 letters, digits, '_', '.' or '-'") String intent) {
    }

    /** What an import added and skipped. */
    public record ImportReport(int imported, List<TrainingDataFormats.Finding> duplicates) {
    }

    private final TrainingDataStore store;
    private final AnnotatedExampleStore annotated;
    private final CallerTenant tenant;

    public TrainingDataResource(TrainingDataStore store, AnnotatedExampleStore annotated, CallerTenant tenant) {
        this.store = store;
        this.annotated = annotated;
        this.tenant = tenant;
    }

    @GET
    @Path("/intents")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's intents with their number of examples")
    public Uni<List<TrainingDataStore.Intent>> intents() {
        return store.intents(tenant.id());
    }

    @PUT
    @Path("/intents/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an intent or change its description")
    public Uni<RestResponse<Void>> saveIntent(@RestPath String name, @Valid IntentRequest request) {
        requireName(name);
        return store.saveIntent(tenant.id(), name, request == null ? null : request.description())
                .replaceWith(RestResponse.noContent());
    }

    @DELETE
    @Path("/intents/{name}")
    @Operation(summary = "Delete an intent and its examples")
    public Uni<RestResponse<Void>> deleteIntent(@RestPath String name) {
        return store.deleteIntent(tenant.id(), name).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("There is no intent '" + name + "'.");
            }
            return RestResponse.noContent();
        });
    }

    @GET
    @Path("/examples")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's examples, of one intent when asked")
    public Uni<List<TrainingDataStore.Example>> examples(@QueryParam("intent") String intent) {
        return store.examples(tenant.id(), intent);
    }

    @POST
    @Path("/examples")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an example (its intent is created when new)")
    public Uni<RestResponse<TrainingDataStore.Example>> addExample(@Valid @NotNull ExampleRequest request) {
        String id = tenant.id();
        return store.findByText(id, request.text()).chain(existing -> {
            if (existing.isPresent()) {
                String other = existing.get().intent();
                throw new ProblemException(409, "Conflict", other.equals(request.intent())
                        ? "This text is already an example of '" + other + "'."
                        : "This text is already an example of '" + other + "'; one text cannot teach two intents.");
            }
            return store.addExample(id, request.intent(), request.text().strip());
        }).map(added -> {
            TrainingDataStore.Example example = added.orElseThrow(() -> new ProblemException(409, "Conflict",
                    "This text was just added by someone else."));
            return RestResponse.ResponseBuilder.<TrainingDataStore.Example>create(201).entity(example)
                    .location(URI.create("/api/v1/nlu/training-data/examples/" + example.id())).build();
        });
    }

    @DELETE
    @Path("/examples/{id}")
    @Operation(summary = "Delete an example")
    public Uni<RestResponse<Void>> deleteExample(@RestPath long id) {
        return store.deleteExample(tenant.id(), id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("There is no example " + id + ".");
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("/import")
    @Consumes({MediaType.APPLICATION_JSON, TSV_TYPE, YAML_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import examples", description = "JSON [{text, intent}] (an item with entities [{type, "
            + "start, end}] is also an annotated example for the name finder), TSV text<TAB>intent, or Rasa-style "
            + "YAML. All or nothing: any error (with its line) rejects the file; repeated examples are skipped. "
            + "replace=true replaces all of the tenant's data.")
    public Uni<ImportReport> importData(byte[] body, @jakarta.ws.rs.HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @QueryParam("replace") boolean replace) {
        String id = tenant.id();
        String format = format(type);
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "Bad Request", "The file is empty.");
        }
        return (replace ? Uni.createFrom().item(List.<TrainingDataStore.Example>of()) : store.examples(id, null))
                .chain(stored -> {
                    Map<String, String> existing = new HashMap<>();
                    stored.forEach(e -> existing.put(TrainingDataStore.key(e.text()), e.intent()));
                    TrainingDataFormats.Parsed parsed = TrainingDataFormats.read(body, format, existing);
                    List<Problem.FieldError> errors = new java.util.ArrayList<>(parsed.errors().stream()
                            .map(f -> new Problem.FieldError(f.line() == 0 ? "file" : "line " + f.line(), f.message()))
                            .toList());
                    AnnotationFormats.Parsed names = parsed.errors().isEmpty()
                            && format.equals(TrainingDataFormats.JSON) ? AnnotationFormats.inTrainingData(body)
                            : new AnnotationFormats.Parsed(List.of(), List.of(), List.of());
                    names.errors().forEach(f -> errors.add(new Problem.FieldError(f.where(), f.message())));
                    if (!errors.isEmpty()) {
                        throw new ProblemException(400, "Bad Request", "The file has " + errors.size()
                                + " problem(s); nothing was imported.", errors.stream().limit(200).toList());
                    }
                    return store.addAll(id, parsed.examples(), replace)
                            .call(() -> names.examples().isEmpty() ? Uni.createFrom().voidItem()
                                    : annotated.addAll(id, names.examples(), false))
                            .map(count -> new ImportReport(count, parsed.duplicates()));
                });
    }

    @GET
    @Path("/export")
    @Operation(summary = "Export the examples", description = "format json (default), tsv or yaml.")
    public Uni<RestResponse<byte[]>> export(@QueryParam("format") String format) {
        String chosen = format == null ? TrainingDataFormats.JSON : format;
        String mediaType = switch (chosen) {
            case TrainingDataFormats.JSON -> MediaType.APPLICATION_JSON;
            case TrainingDataFormats.TSV -> TSV_TYPE + ";charset=UTF-8";
            case TrainingDataFormats.YAML -> YAML_TYPE + ";charset=UTF-8";
            default -> throw new ProblemException(400, "Bad Request", "format must be json, tsv or yaml.",
                    List.of(new Problem.FieldError("format", "must be json, tsv or yaml")));
        };
        return store.trainingData(tenant.id()).map(examples -> RestResponse.ResponseBuilder
                .ok(TrainingDataFormats.write(examples, chosen)).header(HttpHeaders.CONTENT_TYPE, mediaType)
                .header("Content-Disposition", "attachment; filename=\"nlu-training-data." + chosen + "\"").build());
    }

    private static String format(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith(MediaType.APPLICATION_JSON)) {
            return TrainingDataFormats.JSON;
        }
        if (type.contains("yaml")) {
            return TrainingDataFormats.YAML;
        }
        return TrainingDataFormats.TSV;
    }

    static void requireName(String name) {
        if (name == null || !name.matches(NAME)) {
            throw new ProblemException(400, "Bad Request", "An intent name is 1-100 letters, digits, '_', '.' or '-'.",
                    List.of(new Problem.FieldError("name", "must be 1-100 letters, digits, '_', '.' or '-'")));
        }
    }
}
