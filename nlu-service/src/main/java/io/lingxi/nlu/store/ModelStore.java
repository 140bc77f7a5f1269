package io.lingxi.nlu.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Model versions (their bytes) in PostgreSQL; at most one active per tenant. */
@ApplicationScoped
public class ModelStore {

    /** A stored version without its bytes. */
    public record Version(String version, String checksum, int examples, boolean active, Instant createdAt,
            String report) {
    }

    /** A version's bytes and checksum, for loading; {@code nameFinder} is null when it was trained without one. */
    public record Stored(String tenantId, String version, byte[] bytes, String checksum, byte[] nameFinder) {
    }

    private final Pool pool;

    public ModelStore(Pool pool) {
        this.pool = pool;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a published checksum covers: the intent model's bytes, then the name finder's when there is one. */
    public static String checksum(byte[] bytes, byte[] nameFinder) {
        if (nameFinder == null) {
            return sha256(bytes);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes);
            digest.update(nameFinder);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a new version (inactive); returns its checksum. */
    public Uni<String> save(String tenant, String version, byte[] bytes, int examples, String report) {
        return save(tenant, version, bytes, null, examples, report);
    }

    /** Stores a new version (inactive) with its name finder (null: none); returns its checksum. */
    public Uni<String> save(String tenant, String version, byte[] bytes, byte[] nameFinder, int examples,
            String report) {
        String checksum = checksum(bytes, nameFinder);
        return pool.preparedQuery("""
                INSERT INTO nlu_model (tenant_id, version, bytes, checksum, examples, report, active, created_at,
                name_finder) VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $8)""")
                .execute(Tuple.tuple(java.util.Arrays.asList(tenant, version, io.vertx.core.buffer.Buffer.buffer(bytes),
                        checksum, examples, report == null ? "" : report, TrainingDataStore.now(),
                        nameFinder == null ? null : io.vertx.core.buffer.Buffer.buffer(nameFinder))))
                .replaceWith(checksum);
    }

    /** The next version name for a tenant: {@code <tenant>-<n>}. */
    public Uni<String> nextVersion(String tenant) {
        return pool.preparedQuery("SELECT COUNT(*) AS n FROM nlu_model WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).map(rows -> tenant + "-" + (rows.iterator().next().getLong("n") + 1));
    }

    public Uni<List<Version>> versions(String tenant) {
        return pool.preparedQuery("""
                SELECT version, checksum, examples, active, created_at, report FROM nlu_model WHERE tenant_id = $1
                ORDER BY created_at DESC""").execute(Tuple.of(tenant)).map(rows -> {
                    List<Version> versions = new ArrayList<>();
                    for (Row row : rows) {
                        versions.add(version(row));
                    }
                    return versions;
                });
    }

    public Uni<Optional<Version>> find(String tenant, String version) {
        return pool.preparedQuery("""
                SELECT version, checksum, examples, active, created_at, report FROM nlu_model
                WHERE tenant_id = $1 AND version = $2""").execute(Tuple.of(tenant, version)).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(version(row));
                    }
                    return Optional.empty();
                });
    }

    /** Makes {@code version} the tenant's only active one; false when it does not exist. */
    public Uni<Boolean> activate(String tenant, String version) {
        return pool.withTransaction(client -> client.preparedQuery(
                "SELECT 1 FROM nlu_model WHERE tenant_id = $1 AND version = $2 FOR UPDATE")
                .execute(Tuple.of(tenant, version)).chain(found -> {
                    if (found.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return client.preparedQuery("UPDATE nlu_model SET active = FALSE WHERE tenant_id = $1 AND active")
                            .execute(Tuple.of(tenant))
                            .chain(() -> client.preparedQuery(
                                    "UPDATE nlu_model SET active = TRUE WHERE tenant_id = $1 AND version = $2")
                                    .execute(Tuple.of(tenant, version)))
                            .replaceWith(true);
                }));
    }

    public Uni<Optional<Stored>> load(String tenant, String version) {
        return pool.preparedQuery("SELECT tenant_id, version, bytes, checksum, name_finder FROM nlu_model "
                + "WHERE tenant_id = $1 AND version = $2").execute(Tuple.of(tenant, version)).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(stored(row));
                    }
                    return Optional.empty();
                });
    }

    /** Every tenant's active version, for a replica that starts. */
    public Uni<List<Stored>> activeModels() {
        return pool.query("SELECT tenant_id, version, bytes, checksum, name_finder FROM nlu_model WHERE active").execute()
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>();
                    for (Row row : rows) {
                        stored.add(stored(row));
                    }
                    return stored;
                });
    }

    private static Stored stored(Row row) {
        io.vertx.mutiny.core.buffer.Buffer nameFinder = row.getBuffer("name_finder");
        return new Stored(row.getString("tenant_id"), row.getString("version"), row.getBuffer("bytes").getBytes(),
                row.getString("checksum"), nameFinder == null ? null : nameFinder.getBytes());
    }

    private static Version version(Row row) {
        return new Version(row.getString("version"), row.getString("checksum"), row.getInteger("examples"),
                row.getBoolean("active"), row.getOffsetDateTime("created_at").toInstant(), row.getString("report"));
    }
}
