package io.lingxi.nlu.api;

import io.lingxi.nlu.domain.Gazetteer;
import io.lingxi.nlu.service.TenantSettingsCache;
import io.lingxi.nlu.store.DictionaryStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A tenant's dictionary entities: per entity type (product, brand, …) canonical values with synonyms. Messages
 * of the tenant then carry them as entities (type, canonical value, offsets).
 */
@Path("/api/v1/nlu/dictionaries")
@Tag(name = "NLU dictionary entities")
@RolesAllowed({"admin", "editor"})
public class DictionaryResource {

    static final int MAX_SYNONYMS = 100;
    static final int MAX_TERM = 200;

    /** The synonyms of a value (the value itself always matches). */
    public record EntryRequest(List<String> synonyms) {
    }

    private final DictionaryStore store;
    private final TenantSettingsCache cache;
    private final CallerTenant tenant;

    public DictionaryResource(DictionaryStore store, TenantSettingsCache cache, CallerTenant tenant) {
        this.store = store;
        this.cache = cache;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's dictionary entries, of one type when asked")
    public Uni<List<Gazetteer.Entry>> entries(@QueryParam("type") String type) {
        return store.entries(tenant.id(), type);
    }

    @PUT
    @Path("/{type}/{value}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a value of an entity type or replace its synonyms")
    public Uni<Gazetteer.Entry> save(@RestPath String type, @RestPath String value, EntryRequest request) {
        String id = tenant.id();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (type == null || !type.matches(TrainingDataResource.NAME)) {
            errors.add(new Problem.FieldError("type", "must be 1-100 letters, digits, '_', '.' or '-'"));
        }
        String canonical = value == null ? "" : value.strip();
        if (canonical.isEmpty() || canonical.length() > MAX_TERM) {
            errors.add(new Problem.FieldError("value", "must be 1-" + MAX_TERM + " characters"));
        }
        List<String> synonyms = request == null || request.synonyms() == null ? List.of() : request.synonyms();
        if (synonyms.size() > MAX_SYNONYMS) {
            errors.add(new Problem.FieldError("synonyms", "at most " + MAX_SYNONYMS));
        }
        LinkedHashSet<String> cleaned = new LinkedHashSet<>();
        for (int i = 0; i < synonyms.size(); i++) {
            String synonym = synonyms.get(i) == null ? "" : synonyms.get(i).strip();
            if (synonym.isEmpty() || synonym.length() > MAX_TERM) {
                errors.add(new Problem.FieldError("synonyms[" + i + "]", "must be 1-" + MAX_TERM + " characters"));
            } else if (!synonym.equals(canonical)) {
                cleaned.add(synonym);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "The dictionary entry is not valid; see errors.", errors);
        }
        Gazetteer.Entry entry = new Gazetteer.Entry(type, canonical, List.copyOf(cleaned));
        return store.save(id, entry).invoke(() -> cache.invalidate(id)).replaceWith(entry);
    }

    @DELETE
    @Path("/{type}/{value}")
    @Operation(summary = "Delete a value of an entity type")
    public Uni<RestResponse<Void>> delete(@RestPath String type, @RestPath String value) {
        String id = tenant.id();
        return store.delete(id, type, value).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("There is no " + type + " '" + value + "' in the dictionary.");
            }
            cache.invalidate(id);
            return RestResponse.noContent();
        });
    }
}
