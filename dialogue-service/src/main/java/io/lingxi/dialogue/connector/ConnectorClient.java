package io.lingxi.dialogue.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.dialogue.config.DialogueConfig;
import io.lingxi.dialogue.flow.FlowEngine.ConnectorOutcome;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the enterprise systems behind connectors, each behind its own timeout, retry (GET only), circuit breaker
 * and bulkhead. A failing system yields {@link ConnectorOutcome.Status#ERROR}, never a hung conversation.
 */
@ApplicationScoped
public class ConnectorClient {

    private static final Pattern CONFIG_VALUE = Pattern.compile("\\$\\{config:([a-zA-Z0-9_.-]+)}");
    private static final Pattern SLOT = Pattern.compile("\\{([a-zA-Z0-9_]+)}");
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /** Any other non-2xx answer: counts as a failure for the circuit breaker. */
    static final class ConnectorFailure extends RuntimeException {
        ConnectorFailure(String message) {
            super(message);
        }
    }

    private final WebClient client;
    private final ObjectMapper mapper;
    private final DialogueConfig config;
    private final ConnectorSecrets secrets;
    /** One guard per connector (tenant and name), replaced when its revision changes. */
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    private record Guard(int revision, long id, TypedGuard<Uni<ConnectorOutcome>> guard) {
    }

    public ConnectorClient(Vertx vertx, ObjectMapper mapper, DialogueConfig config, ConnectorSecrets secrets) {
        this.client = WebClient.create(vertx);
        this.mapper = mapper;
        this.config = config;
        this.secrets = secrets;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<ConnectorOutcome> call(ConnectorDefinition connector, Map<String, String> slots) {
        // timeouts and circuit-breaker rejections complete on fault-tolerance threads: come back to the caller's
        // Vert.x context, where the conversation's database session lives
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Executor caller = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return guard(connector).get(() -> send(connector, slots))
                .emitOn(caller)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Connector %s of tenant %s failed: %s", connector.name, connector.tenantId,
                            e.getMessage());
                    return new ConnectorOutcome(ConnectorOutcome.Status.ERROR, Map.of());
                });
    }

    private Uni<ConnectorOutcome> send(ConnectorDefinition connector, Map<String, String> slots) {
        String url = (connector.baseUrl == null ? "" : render(stripSlash(connector.baseUrl), Map.of(), false))
                + render(connector.urlTemplate, slots, true);
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(connector.method), url)
                .timeout(connector.timeoutMs);
        readMap(connector.headers).forEach((name, value) -> request.putHeader(name, render(value, slots, false)));
        if (connector.authHeader != null && connector.authSecret != null) {
            request.putHeader(connector.authHeader, secrets.decrypt(connector.authSecret));
        }
        Uni<HttpResponse<Buffer>> response = connector.bodyTemplate == null ? request.send()
                : request.sendBuffer(Buffer.buffer(render(connector.bodyTemplate, slots, false)));
        return response.map(answer -> outcome(connector, answer));
    }

    private ConnectorOutcome outcome(ConnectorDefinition connector, HttpResponse<Buffer> response) {
        if (response.statusCode() == 404) {
            return new ConnectorOutcome(ConnectorOutcome.Status.NOT_FOUND, Map.of());
        }
        if (response.statusCode() == 409 || response.statusCode() == 422) {
            // the system works and said no: a business answer, not a failure for the circuit breaker
            return new ConnectorOutcome(ConnectorOutcome.Status.REJECTED, Map.of());
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectorFailure(connector.name + " answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.bodyAsString());
        } catch (JsonProcessingException e) {
            throw new ConnectorFailure(connector.name + " answered something that is not JSON");
        }
        Map<String, String> values = new LinkedHashMap<>();
        readMap(connector.responseMapping).forEach((variable, pointer) -> {
            JsonNode value = body.at(pointer);
            values.put(variable, value.isMissingNode() || value.isNull() ? "" : value.asText());
        });
        return new ConnectorOutcome(ConnectorOutcome.Status.OK, values);
    }

    private TypedGuard<Uni<ConnectorOutcome>> guard(ConnectorDefinition connector) {
        String key = connector.tenantId + "/" + connector.name;
        return guards.compute(key, (ignored, existing) -> existing != null && existing.id() == connector.id
                && existing.revision() == connector.revision ? existing
                        : new Guard(connector.revision, connector.id, newGuard(key, connector))).guard();
    }

    private static TypedGuard<Uni<ConnectorOutcome>> newGuard(String key, ConnectorDefinition connector) {
        return TypedGuard.create(new TypeLiteral<Uni<ConnectorOutcome>>() {
                })
                .withDescription("connector " + key + " r" + connector.revision)
                .withTimeout().duration(connector.timeoutMs, ChronoUnit.MILLIS).done()
                .with(builder -> {
                    if (connector.retries > 0) {
                        builder.withRetry().maxRetries(connector.retries).delay(100, ChronoUnit.MILLIS).done();
                    }
                })
                .withCircuitBreaker().requestVolumeThreshold(connector.cbRequestVolume)
                .failureRatio(connector.cbFailureRatio).delay(connector.cbDelayMs, ChronoUnit.MILLIS)
                .successThreshold(1).done()
                .withBulkhead().limit(10).queueSize(50).done()
                .build();
    }

    private static String stripSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private Map<String, String> readMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector configuration is not a JSON object of strings", e);
        }
    }

    private String render(String template, Map<String, String> slots, boolean urlEncode) {
        Matcher configs = CONFIG_VALUE.matcher(template);
        StringBuilder withConfig = new StringBuilder();
        while (configs.find()) {
            String value = config.connectorValues().get(configs.group(1));
            if (value == null) {
                throw new ConnectorFailure("no configuration value '" + configs.group(1) + "' for a connector");
            }
            configs.appendReplacement(withConfig, Matcher.quoteReplacement(value));
        }
        configs.appendTail(withConfig);
        Matcher variables = SLOT.matcher(withConfig.toString());
        StringBuilder out = new StringBuilder();
        while (variables.find()) {
            String value = slots.getOrDefault(variables.group(1), "");
            variables.appendReplacement(out, Matcher.quoteReplacement(urlEncode
                    ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value));
        }
        variables.appendTail(out);
        return out.toString();
    }
}
