package io.lingxi.nlu.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;

/** Per-tenant NLU settings: confidence threshold and order-number pattern (null = service default). */
@ApplicationScoped
public class SettingsStore {

    /** A tenant's settings; a null field means the service default. */
    public record TenantSettings(Double confidenceThreshold, String orderNumberPattern) {
    }

    private final Pool pool;

    public SettingsStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<TenantSettings>> find(String tenant) {
        return pool.preparedQuery("SELECT confidence_threshold, order_number_pattern FROM nlu_tenant_settings "
                + "WHERE tenant_id = $1").execute(Tuple.of(tenant)).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new TenantSettings(row.getDouble("confidence_threshold"),
                                row.getString("order_number_pattern")));
                    }
                    return Optional.empty();
                });
    }

    public Uni<Void> save(String tenant, TenantSettings settings) {
        return pool.preparedQuery("""
                INSERT INTO nlu_tenant_settings (tenant_id, confidence_threshold, order_number_pattern, updated_at)
                VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE SET
                confidence_threshold = EXCLUDED.confidence_threshold,
                order_number_pattern = EXCLUDED.order_number_pattern, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(tenant, settings.confidenceThreshold(),
                        settings.orderNumberPattern(), TrainingDataStore.now())))
                .replaceWithVoid();
    }
}
