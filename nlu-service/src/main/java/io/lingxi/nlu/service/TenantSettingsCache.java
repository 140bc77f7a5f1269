package io.lingxi.nlu.service;

import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.domain.EntityExtractor;
import io.lingxi.nlu.domain.Gazetteer;
import io.lingxi.nlu.domain.TenantRules;
import io.lingxi.nlu.store.DictionaryStore;
import io.lingxi.nlu.store.SettingsStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' threshold, order-number pattern and dictionary entities, read from PostgreSQL and kept for {@link #FRESH} (so another
 * replica's change shows within that time; this replica's own changes at once). Called on worker threads.
 * If the database cannot be read, the last known (or default) settings keep serving.
 */
@ApplicationScoped
public class TenantSettingsCache implements TenantRules {

    static final Duration FRESH = Duration.ofSeconds(10);

    private record Entry(Optional<Double> threshold, EntityExtractor entities, Gazetteer dictionary, long loadedAt) {
    }

    private final SettingsStore store;
    private final DictionaryStore dictionaries;
    private final EntityExtractor defaultEntities;
    private final Optional<Double> defaultThreshold;
    private final String defaultPattern;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public TenantSettingsCache(SettingsStore store, DictionaryStore dictionaries, NluConfig config) {
        this.store = store;
        this.dictionaries = dictionaries;
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

    @Override
    public Gazetteer dictionary(String tenant) {
        return entry(tenant).dictionary();
    }

    /** Forgets what is cached for the tenant (after it changed its settings here). */
    public void invalidate(String tenant) {
        entries.remove(tenant);
    }

    private Entry entry(String tenant) {
        if (tenant == null) {
            return new Entry(defaultThreshold, defaultEntities, Gazetteer.EMPTY, 0);
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
            List<Gazetteer.Entry> entries = dictionaries.entries(tenant, null).await().atMost(Duration.ofSeconds(5));
            loaded = new Entry(threshold, entities, entries.isEmpty() ? Gazetteer.EMPTY : new Gazetteer(entries), now);
        } catch (RuntimeException e) {
            Log.warnf("Settings of tenant %s could not be read (%s); keeping the last known", tenant, e.getMessage());
            loaded = cached != null ? new Entry(cached.threshold(), cached.entities(), cached.dictionary(), now)
                    : new Entry(defaultThreshold, defaultEntities, Gazetteer.EMPTY, now);
        }
        entries.put(tenant, loaded);
        return loaded;
    }
}
