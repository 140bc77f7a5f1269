package io.lingxi.nlu.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Background jobs (training, evaluation) and their progress, so that every replica can answer for them. */
@ApplicationScoped
public class JobStore {

    /** A job row; {@code report} and {@code errors} are JSON text. */
    public record Job(String id, String tenantId, String kind, String status, double progress, String modelVersion,
            String report, String errors, Instant createdAt, Instant updatedAt) {
    }

    private final Pool pool;

    public JobStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> create(String id, String tenant, String kind) {
        return pool.preparedQuery("""
                INSERT INTO nlu_job (id, tenant_id, kind, status, progress, created_at, updated_at)
                VALUES ($1, $2, $3, 'RUNNING', 0, $4, $4)""")
                .execute(Tuple.of(id, tenant, kind, TrainingDataStore.now())).replaceWithVoid();
    }

    public Uni<Void> progress(String id, double progress) {
        return pool.preparedQuery("UPDATE nlu_job SET progress = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, progress, TrainingDataStore.now())).replaceWithVoid();
    }

    public Uni<Void> finish(String id, String status, String modelVersion, String report, String errors) {
        return pool.preparedQuery("""
                UPDATE nlu_job SET status = $2, progress = 1, model_version = $3, report = $4, errors = $5,
                updated_at = $6 WHERE id = $1""")
                .execute(Tuple.tuple(java.util.Arrays.asList(id, status, modelVersion, report, errors,
                        TrainingDataStore.now())))
                .replaceWithVoid();
    }

    public Uni<Optional<Job>> find(String tenant, String kind, String id) {
        return pool.preparedQuery("SELECT * FROM nlu_job WHERE id = $1 AND tenant_id = $2 AND kind = $3")
                .execute(Tuple.of(id, tenant, kind)).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new Job(row.getString("id"), row.getString("tenant_id"),
                                row.getString("kind"), row.getString("status"), row.getDouble("progress"),
                                row.getString("model_version"), row.getString("report"), row.getString("errors"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return Optional.empty();
                });
    }

    /** Marks the jobs this replica is running as alive (see {@link #failAbandoned}). */
    public Uni<Void> touch(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE nlu_job SET updated_at = $2 WHERE id = ANY($1) AND status = 'RUNNING'")
                .execute(Tuple.of(ids.toArray(String[]::new), TrainingDataStore.now())).replaceWithVoid();
    }

    /**
     * Jobs left RUNNING by a replica that stopped (nobody has touched them since {@code before}) are failed, so
     * that nobody waits for them forever. The number failed.
     */
    public Uni<Integer> failAbandoned(Instant before) {
        return pool.preparedQuery("""
                UPDATE nlu_job SET status = 'FAILED', updated_at = $2, errors = '[{"field":"job","message":"interrupted \
                by a restart of the service; start it again"}]'
                WHERE status = 'RUNNING' AND updated_at < $1""")
                .execute(Tuple.of(before.atOffset(java.time.ZoneOffset.UTC), TrainingDataStore.now()))
                .map(rows -> rows.rowCount());
    }

    /** Forgets finished jobs of a kind last changed before {@code before}; how many. */
    public Uni<Integer> forget(String kind, Instant before) {
        return pool.preparedQuery("DELETE FROM nlu_job WHERE kind = $1 AND status <> 'RUNNING' AND updated_at < $2")
                .execute(Tuple.of(kind, before.atOffset(java.time.ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
