package io.lingxi.nlu.domain;

import java.util.Optional;

/** What a tenant configures about reading its messages: the fallback threshold and its order-number pattern. */
public interface TenantRules {

    /** The tenant's confidence threshold, when it set one (otherwise the model's own). */
    Optional<Double> threshold(String tenant);

    /** The entity extractor with the tenant's order-number pattern. */
    EntityExtractor entities(String tenant);

    /** The same rules for every tenant. */
    static TenantRules fixed(EntityExtractor entities, Double threshold) {
        return new TenantRules() {
            @Override
            public Optional<Double> threshold(String tenant) {
                return Optional.ofNullable(threshold);
            }

            @Override
            public EntityExtractor entities(String tenant) {
                return entities;
            }
        };
    }
}
