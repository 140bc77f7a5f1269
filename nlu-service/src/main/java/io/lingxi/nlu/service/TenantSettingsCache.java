package io.lingxi.nlu.service;

import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.domain.EntityExtractor;
import io.lingxi.nlu.domain.TenantRules;
import io.lingxi.nlu.store.SettingsStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' threshold and order-number pattern, read from PostgreSQL and kept for {@link #FRESH} (so another
 * replica's change shows within that time; this replica's own changes at once). Called on worker threads.
 * If the database cannot be read, the last known (or default) settings keep serving.
 */
@ApplicationScoped
public class TenantSettingsCache implements TenantRules {

    static final Duration FRESH = Duration.ofSeconds(10);

    private record Entry(Optional<Double> threshold, EntityExtractor entities, long loadedAt) {
    }

    private final SettingsStore store;
    private final EntityExtractor defaultEntities;
    private final Optional<Double> defaultThreshold;
    private final String defaultPattern;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public TenantSettingsCache(SettingsStore store, NluConfig config) {
        this.store = store;
        this.defaultPattern = config.orderNumberPattern();
        this.defaultEntities = new EntityExtractor(defaultPattern);
        this.defaultThreshold = config.fallbackThreshold();
    }

    @Override
    public Optional<Double> threshold(String tenant) {
        return entry(tenant).threshold();
    }

    @Override
    public EntityExtractor entities(String tenant) {
        return entry(tenant).entities();
    }

    /** Forgets what is cached for the tenant (after it changed its settings here). */
    public void invalidate(String tenant) {
        entries.remove(tenant);
    }

    private Entry entry(String tenant) {
        if (tenant == null) {
            return new Entry(defaultThreshold, defaultEntities, 0);
        }
        Entry cached = entries.get(tenant);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < FRESH.toNanos()) {
            return cached;
        }
        Entry loaded;
        try {
            Optional<SettingsStore.TenantSettings> settings = store.find(tenant).await().atMost(Duration.ofSeconds(5));
            Optional<Double> threshold = settings.map(SettingsStore.TenantSettings::confidenceThreshold)
                    .or(() -> defaultThreshold);
            String pattern = settings.map(SettingsStore.TenantSettings::orderNumberPattern).orElse(null);
            EntityExtractor entities = pattern == null || pattern.equals(defaultPattern) ? defaultEntities
                    : cached != null && pattern.equals(cached.entities().orderPattern()) ? cached.entities()
                    : new EntityExtractor(pattern);
            loaded = new Entry(threshold, entities, now);
        } catch (RuntimeException e) {
            Log.warnf("Settings of tenant %s could not be read (%s); keeping the last known", tenant, e.getMessage());
            loaded = cached != null ? new Entry(cached.threshold(), cached.entities(), now)
                    : new Entry(defaultThreshold, defaultEntities, now);
        }
        entries.put(tenant, loaded);
        return loaded;
    }
}
