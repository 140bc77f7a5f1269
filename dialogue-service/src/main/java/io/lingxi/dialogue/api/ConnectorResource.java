package io.lingxi.dialogue.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.dialogue.connector.ConnectorDefinition;
import io.lingxi.dialogue.connector.ConnectorSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A tenant's connectors: the HTTP calls its flows make to its own systems, referenced by name from
 * {@code call_connector} steps. The authentication secret is write-only: reads say whether one is set.
 */
@Path("/api/v1/dialogue/connectors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Connectors")
public class ConnectorResource {

    private static final String NAME = "[a-z0-9][a-z0-9_-]{0,63}";
    private static final java.util.regex.Pattern BASE_URL = java.util.regex.Pattern.compile(
            "(https?://[^\\s/?#]+(/[^\\s?#]*)?|\\$\\{config:[a-zA-Z0-9_.-]+}(/[^\\s?#]*)?)");
    private static final java.util.regex.Pattern FULL_URL = java.util.regex.Pattern.compile(
            "(https?://[^\\s/?#]+|\\$\\{config:[a-zA-Z0-9_.-]+})\\S*");
    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    /** A retried POST or PATCH could act twice (cancel an order twice): only these may retry. */
    private static final Set<String> REPEATABLE = Set.of("GET", "PUT", "DELETE");
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /**
     * A connector as an admin writes it.
     *
     * @param baseUrl  the system's address, e.g. {@code https://orders.example.com} or {@code ${config:orders-api}};
     *                 optional when {@code path} is a full URL
     * @param path     appended to {@code baseUrl}, with {@code {slot}} variables, e.g. {@code /orders/{order_number}}
     * @param headers  extra headers (templates); the secret goes in {@code auth}
     * @param body     body template for POST/PUT/PATCH
     * @param responseMapping flow variable → JSON pointer into the response
     * @param auth     the header that authenticates the call and its secret; a PUT without {@code auth.secret} keeps
     *                 the stored one
     * @param retries  retries after a failure (0–5), only for GET, PUT and DELETE
     */
    public record ConnectorRequest(
            @Pattern(regexp = NAME, message = "lower-case letters, digits, '_' and '-', at most 64") String name,
            @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE", message = "must be GET, POST, PUT, PATCH or DELETE")
            String method,
            @Size(max = 500) String baseUrl,
            @NotBlank @Size(max = 1000) String path,
            @Size(max = 20) Map<String, @Size(max = 1000) String> headers,
            @Size(max = 10_000) String body,
            @NotEmpty @Size(max = 50) Map<String, @Size(max = 200) String> responseMapping,
            @Valid Auth auth,
            @Min(100) @Max(60_000) Integer timeoutMs,
            @Min(0) @Max(5) Integer retries,
            @Valid CircuitBreaker circuitBreaker) {
    }

    /** @param secret write-only; never returned */
    public record Auth(@NotBlank @Size(max = 64) String header, @Size(min = 1, max = 4096) String secret) {
    }

    /**
     * @param failureRatio           share of failed calls among the last {@code requestVolumeThreshold} that opens it
     * @param requestVolumeThreshold calls it looks at
     * @param delayMs                how long it stays open before one trial call
     */
    public record CircuitBreaker(
            @DecimalMin("0.01") @DecimalMax("1.0") Double failureRatio,
            @Min(1) @Max(1000) Integer requestVolumeThreshold,
            @Min(100) @Max(3_600_000) Integer delayMs) {
    }

    /** A connector as the API shows it: the secret only as {@code auth.secretSet}. */
    public record ConnectorView(String name, String method, String baseUrl, String path, Map<String, String> headers,
            String body, Map<String, String> responseMapping, AuthView auth, int timeoutMs, int retries,
            CircuitBreaker circuitBreaker, int revision, Instant updatedAt) {
    }

    public record AuthView(String header, boolean secretSet) {
    }

    private final JsonWebToken caller;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final ConnectorSecrets secrets;

    public ConnectorResource(JsonWebToken caller, Validator validator, ObjectMapper mapper, ConnectorSecrets secrets) {
        this.caller = caller;
        this.validator = validator;
        this.mapper = mapper;
        this.secrets = secrets;
    }

    @GET
    @Operation(summary = "The tenant's connectors")
    public Uni<List<ConnectorView>> list() {
        String tenant = tenant();
        return Panache.withSession(() -> ConnectorDefinition.listFor(tenant))
                .map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One connector")
    public Uni<ConnectorView> get(@RestPath String name) {
        String tenant = tenant();
        return Panache.withSession(() -> ConnectorDefinition.find(tenant, name)).map(found -> view(existing(found, name)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a connector", description = "409 when the tenant already has one of that name.")
    public Uni<RestResponse<ConnectorView>> create(ConnectorRequest request) {
        String tenant = tenant();
        check(request, null);
        if (request.name() == null) {
            throw new InvalidFields(List.of(new Problem.FieldError("name", "is required")));
        }
        return Panache.withTransaction(() -> ConnectorDefinition.find(tenant, request.name()).flatMap(found -> {
            if (found != null) {
                throw new ProblemException(409, "Conflict", "There is already a connector '" + request.name()
                        + "'; change it with PUT.");
            }
            ConnectorDefinition connector = new ConnectorDefinition();
            connector.tenantId = tenant;
            connector.name = request.name();
            apply(connector, request);
            return connector.persist().replaceWith(connector);
        })).map(saved -> RestResponse.status(RestResponse.Status.CREATED, view(saved)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a connector", description = "Replaces every field; without auth.secret the stored "
            + "secret stays. Calls use the new settings at once.")
    public Uni<ConnectorView> update(@RestPath String name, ConnectorRequest request) {
        String tenant = tenant();
        check(request, name);
        return Panache.withTransaction(() -> ConnectorDefinition.find(tenant, name).map(found -> {
            ConnectorDefinition connector = existing(found, name);
            apply(connector, request);
            connector.revision++;
            return connector;
        })).map(this::view);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a connector", description = "Flows that call it get the connector's error path.")
    public Uni<RestResponse<Void>> delete(@RestPath String name) {
        String tenant = tenant();
        return Panache.withTransaction(() -> ConnectorDefinition.delete("tenantId = ?1 and name = ?2", tenant, name))
                .map(deleted -> {
                    if (deleted == 0) {
                        throw ProblemException.notFound("There is no connector '" + name + "'.");
                    }
                    return RestResponse.noContent();
                });
    }

    private void check(ConnectorRequest request, String pathName) {
        if (request == null) {
            throw new ProblemException(400, "Invalid request", "A JSON body describing the connector is required.");
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String method = method(request);
        if (pathName != null && request.name() != null && !request.name().equals(pathName)) {
            errors.add(new Problem.FieldError("name", "must match the name in the path (a connector cannot be renamed)"));
        }
        if (request.baseUrl() != null) {
            if (!BASE_URL.matcher(request.baseUrl()).matches()) {
                errors.add(new Problem.FieldError("baseUrl", "must be an http(s) URL or ${config:name}"));
            }
            if (!request.path().startsWith("/")) {
                errors.add(new Problem.FieldError("path", "must start with '/' after a baseUrl"));
            }
        } else if (!FULL_URL.matcher(request.path()).matches()) {
            errors.add(new Problem.FieldError("path", "without a baseUrl, must be a full http(s) URL"));
        }
        if (request.headers() != null) {
            request.headers().keySet().stream().filter(h -> !HEADER.matcher(h).matches()).forEach(h -> errors.add(
                    new Problem.FieldError("headers", "'" + h + "' is not a header name")));
        }
        request.responseMapping().forEach((variable, pointer) -> {
            if (!variable.matches("[a-zA-Z0-9_]{1,64}")) {
                errors.add(new Problem.FieldError("responseMapping", "'" + variable + "' is not a flow variable name"));
            } else if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
                errors.add(new Problem.FieldError("responseMapping", "'" + variable
                        + "' must map to a JSON pointer such as /status"));
            }
        });
        if (request.auth() != null) {
            if (!HEADER.matcher(request.auth().header()).matches()) {
                errors.add(new Problem.FieldError("auth.header", "is not a header name"));
            }
            if (request.auth().secret() != null && !secrets.available()) {
                errors.add(new Problem.FieldError("auth.secret", "this installation has no "
                        + "lingxi.dialogue.connector-secret-key, so it cannot store secrets"));
            }
        }
        if (request.retries() != null && request.retries() > 0 && !REPEATABLE.contains(method)) {
            errors.add(new Problem.FieldError("retries", "only GET, PUT and DELETE may retry: a retried " + method
                    + " could act twice"));
        }
        if (request.body() != null && "GET".equals(method)) {
            errors.add(new Problem.FieldError("body", "a GET has no body"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
    }

    private void apply(ConnectorDefinition connector, ConnectorRequest request) {
        connector.method = method(request);
        connector.baseUrl = request.baseUrl();
        connector.urlTemplate = request.path();
        connector.headers = request.headers() == null || request.headers().isEmpty() ? null
                : EventJson.write(mapper, request.headers());
        connector.bodyTemplate = request.body();
        connector.responseMapping = EventJson.write(mapper, request.responseMapping());
        connector.timeoutMs = request.timeoutMs() == null ? 2000 : request.timeoutMs();
        connector.retries = request.retries() == null ? 0 : request.retries();
        CircuitBreaker breaker = request.circuitBreaker();
        connector.cbFailureRatio = breaker == null || breaker.failureRatio() == null ? 0.5 : breaker.failureRatio();
        connector.cbRequestVolume = breaker == null || breaker.requestVolumeThreshold() == null ? 4
                : breaker.requestVolumeThreshold();
        connector.cbDelayMs = breaker == null || breaker.delayMs() == null ? 10_000 : breaker.delayMs();
        if (request.auth() == null) {
            connector.authHeader = null;
            connector.authSecret = null;
        } else {
            connector.authHeader = request.auth().header();
            if (request.auth().secret() != null) {
                connector.authSecret = secrets.encrypt(request.auth().secret());
            }
        }
        connector.updatedAt = Instant.now();
    }

    private static String method(ConnectorRequest request) {
        return request.method() == null ? "GET" : request.method();
    }

    private ConnectorView view(ConnectorDefinition c) {
        return new ConnectorView(c.name, c.method, c.baseUrl, c.urlTemplate, readMap(c.headers), c.bodyTemplate,
                readMap(c.responseMapping), c.authHeader == null ? null : new AuthView(c.authHeader, c.authSecret != null),
                c.timeoutMs, c.retries, new CircuitBreaker(c.cbFailureRatio, c.cbRequestVolume, c.cbDelayMs), c.revision,
                c.updatedAt);
    }

    private Map<String, String> readMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector configuration is not a JSON object of strings", e);
        }
    }

    private static ConnectorDefinition existing(ConnectorDefinition found, String name) {
        if (found == null) {
            throw ProblemException.notFound("There is no connector '" + name + "'.");
        }
        return found;
    }

    private String tenant() {
        String tenant = caller.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token names no tenant.");
        }
        return tenant;
    }

    /** A request with fields that are each valid alone but not together; the mapper lists them. */
    public static final class InvalidFields extends ProblemException {

        private final List<Problem.FieldError> errors;

        InvalidFields(List<Problem.FieldError> errors) {
            super(400, "Invalid request", "The request has invalid fields; see errors.");
            this.errors = errors;
        }

        public List<Problem.FieldError> errors() {
            return errors;
        }
    }
}
