package io.lingxi.dialogue.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.dialogue.config.DialogueConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows each tenant runs: its newest uploaded version, else the default flows shipped with the service.
 * Cached per tenant for a short while so the hot path does not read the database on every message.
 */
@ApplicationScoped
public class FlowCatalog {

    /** A tenant's active flows and where they came from ({@code version} 0 = the defaults). */
    public record ActiveFlows(int version, FlowSet flows) {
    }

    private record Cached(ActiveFlows flows, Instant until) {
    }

    private final ObjectMapper mapper;
    private final DialogueConfig config;
    private final FlowSet defaults;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public FlowCatalog(ObjectMapper mapper, DialogueConfig config) {
        this.mapper = mapper;
        this.config = config;
        this.defaults = loadDefaults(mapper);
    }

    public Uni<ActiveFlows> forTenant(String tenantId) {
        Cached cached = cache.get(tenantId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.flows());
        }
        return Panache.withSession(() -> FlowVersion.latest(tenantId)).map(latest -> {
            ActiveFlows active = latest == null ? new ActiveFlows(0, defaults)
                    : new ActiveFlows(latest.version, parse(latest.definition));
            cache.put(tenantId, new Cached(active, Instant.now().plus(config.flowCacheTtl())));
            return active;
        });
    }

    /** Forgets the cached flows of {@code tenantId}, after an upload. */
    public void invalidate(String tenantId) {
        cache.remove(tenantId);
    }

    public FlowSet parse(String json) {
        try {
            return mapper.readValue(json, FlowSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a flow set: " + e.getOriginalMessage(), e);
        }
    }

    private static FlowSet loadDefaults(ObjectMapper mapper) {
        try (InputStream in = FlowCatalog.class.getResourceAsStream("/flows/default-flows.json")) {
            FlowSet set = mapper.readValue(in, FlowSet.class);
            List<String> errors = new FlowValidator().validate(set);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the default flows are invalid: " + errors);
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default flows", e);
        }
    }
}
