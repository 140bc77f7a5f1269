package io.lingxi.nlu.api;

import io.lingxi.nlu.service.TenantSettingsCache;
import io.lingxi.nlu.store.SettingsStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's NLU settings: fallback threshold and order-number pattern (null = the service default). */
@Path("/api/v1/nlu/settings")
@Tag(name = "NLU settings")
public class SettingsResource {

    /** The settings; a null field means the service default. */
    public record SettingsView(
            @DecimalMin("0.0") @DecimalMax("1.0") Double confidenceThreshold,
            @Size(max = 200) String orderNumberPattern) {
    }

    private final SettingsStore store;
    private final TenantSettingsCache cache;
    private final CallerTenant tenant;

    public SettingsResource(SettingsStore store, TenantSettingsCache cache, CallerTenant tenant) {
        this.store = store;
        this.cache = cache;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "The tenant's NLU settings")
    public Uni<SettingsView> get() {
        return store.find(tenant.id()).map(s -> s.map(v -> new SettingsView(v.confidenceThreshold(),
                v.orderNumberPattern())).orElse(new SettingsView(null, null)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Change the tenant's NLU settings", description = "Other replicas apply them within 10 s.")
    public Uni<SettingsView> put(@Valid @NotNull SettingsView settings) {
        String id = tenant.id();
        String pattern = settings.orderNumberPattern();
        if (pattern != null) {
            try {
                if (java.util.regex.Pattern.compile(pattern).matcher("").matches()) {
                    throw invalidPattern("must not match an empty text");
                }
            } catch (PatternSyntaxException e) {
                throw invalidPattern("is not a valid regular expression: " + e.getDescription());
            }
        }
        return store.save(id, new SettingsStore.TenantSettings(settings.confidenceThreshold(), pattern))
                .invoke(() -> cache.invalidate(id)).replaceWith(settings);
    }

    private static ProblemException invalidPattern(String message) {
        return new ProblemException(400, "Bad Request", "The order-number pattern " + message + ".",
                List.of(new Problem.FieldError("orderNumberPattern", message)));
    }
}
