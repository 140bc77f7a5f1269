package io.lingxi.nlu.domain;

import java.util.Optional;

/**
 * What a tenant configures about reading its messages: the fallback threshold, its order-number pattern and its
 * dictionary entities.
 */
public interface TenantRules {

    /** The tenant's confidence threshold, when it set one (otherwise the model's own). */
    Optional<Double> threshold(String tenant);

    /** The entity extractor with the tenant's order-number pattern. */
    EntityExtractor entities(String tenant);

    /** The tenant's dictionary entities (products, brands, …). */
    default Gazetteer dictionary(String tenant) {
        return Gazetteer.EMPTY;
    }

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
