package io.lingxi.knowledge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.knowledge.api.EntryRequest;
import io.lingxi.knowledge.api.ProblemException;
import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.FaqEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Bulk imports as background jobs, persisted in {@code import_job} so that every instance, and this one after a
 * restart, can report them. A job validates every row first (fields, ids repeated in the file, ids of another
 * tenant); when any row is rejected it fails with the lines and nothing is written. Otherwise it writes every row in
 * <em>one</em> transaction, flushing {@link #BATCH} rows at a time and reporting progress over a separate
 * connection; the same transaction moves the job to phase {@code indexing}, so a job that stops before it commits
 * (crash, restart, lost database) wrote nothing and is reported failed, and one that committed is reported
 * succeeded. After the commit the tenant's index is rebuilt. One unfinished import per tenant (a partial unique
 * index), across instances.
 */
@ApplicationScoped
public class ImportJobs {

    static final int BATCH = 500;
    static final int MAX_ERRORS = 1000;
    static final int KEPT = 20;
    static final String UNIQUE_VIOLATION = "23505";

    /** What an import job reports. {@code processed} counts the rows of the current {@code phase}. */
    public record Job(String id, String status, String phase, String format, int total, int processed, int created,
            int updated, int rejected, List<RejectedRow> errors, String reason, String createdBy, Instant createdAt,
            Instant startedAt, Instant finishedAt) {
    }

    /** One rejected row: its line in the file (1 = first line), its id when it has one, and what is wrong. */
    public record RejectedRow(int line, String id, List<String> errors) {
    }

    private static final TypeReference<List<RejectedRow>> ERRORS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, status, phase, format, total, processed, created, updated, rejected, "
            + "errors, reason, created_by, created_at, started_at, finished_at";
    private static final String STOPPED = "The import stopped before its rows were written (the service restarted "
            + "or lost its database); nothing was imported. Send the file again.";

    private final Pool pool;
    private final IndexSynchronizer synchronizer;
    private final KnowledgeEditor editor;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final KnowledgeConfig config;
    /** Jobs this instance runs; their heartbeat is refreshed every 5 s. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public ImportJobs(Pool pool, IndexSynchronizer synchronizer, KnowledgeEditor editor, Validator validator,
            ObjectMapper mapper, Vertx vertx, KnowledgeConfig config) {
        this.pool = pool;
        this.synchronizer = synchronizer;
        this.editor = editor;
        this.validator = validator;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
    }

    /**
     * Records a queued job and starts it in the background. Fails with 409 when the tenant already has an
     * unfinished import.
     */
    public Uni<Job> start(String tenantId, String user, String format, List<EntryFiles.Row> rows) {
        String id = UUID.randomUUID().toString();
        return settleStopped(tenantId)
                .chain(() -> pool.preparedQuery("INSERT INTO import_job (id, tenant_id, status, phase, format, total, "
                                + "created_by) VALUES ($1, $2, 'queued', 'queued', $3, $4, $5) RETURNING created_at")
                        .execute(Tuple.of(id, tenantId, format, rows.size(), user)))
                .onFailure(ImportJobs::isUniqueViolation).recoverWithUni(e -> pool
                        .preparedQuery("SELECT id FROM import_job WHERE tenant_id = $1 AND status IN ('queued', "
                                + "'running')")
                        .execute(Tuple.of(tenantId))
                        .map(found -> {
                            String other = found.iterator().hasNext() ? found.iterator().next().getString("id") : "?";
                            throw ProblemException.conflict("Another import of this knowledge base is still "
                                    + "running (/api/v1/knowledge/imports/" + other + "). Wait until it has "
                                    + "finished, then send the file again.");
                        }))
                .map(inserted -> {
                    Job queued = new Job(id, "queued", "queued", format, rows.size(), 0, 0, 0, 0, List.of(), null, user,
                            instant(inserted.iterator().next().getOffsetDateTime("created_at")), null, null);
                    running.add(id);
                    Context context = VertxContext.createNewDuplicatedContext(
                            VertxContext.getRootContext(vertx.getOrCreateContext()));
                    // the job's own sub-context, so that its Hibernate Reactive session is its own
                    VertxContextSafetyToggle.setContextSafe(context, true);
                    context.runOnContext(ignored -> run(id, tenantId, user, rows, context)
                            .subscribe().with(done -> running.remove(id), failure -> running.remove(id)));
                    return queued;
                });
    }

    /** The job, when it is the tenant's. */
    public Uni<Optional<Job>> find(String tenantId, String id) {
        return settleStopped(tenantId)
                .chain(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM import_job WHERE id = $1 AND "
                        + "tenant_id = $2").execute(Tuple.of(id, tenantId)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toJob(rows.iterator().next())) : Optional.empty());
    }

    /** The tenant's latest jobs, newest first. */
    public Uni<List<Job>> latest(String tenantId) {
        return settleStopped(tenantId)
                .chain(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM import_job WHERE tenant_id = $1 "
                        + "ORDER BY created_at DESC, id LIMIT " + KEPT).execute(Tuple.of(tenantId)))
                .map(rows -> {
                    List<Job> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(toJob(row)));
                    return jobs;
                });
    }

    private Uni<Void> run(String id, String tenantId, String user, List<EntryFiles.Row> rows, Context context) {
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return update(id, "running", "validating", 0, ", started_at = now()")
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> validate(rows))
                .emitOn(onContext)
                .chain(rejected -> otherTenantsIds(tenantId, rows, rejected))
                .chain(rejected -> {
                    if (!rejected.isEmpty()) {
                        return fail(id, rows.size(), rejected, rejected.size() + " of " + rows.size() + " rows are "
                                + "rejected (see errors); nothing was imported. Fix them and send the file again.");
                    }
                    return update(id, "running", "writing", 0, "")
                            .chain(() -> write(id, tenantId, user, rows))
                            .chain(() -> synchronizer.sync(tenantId))
                            .emitOn(onContext)
                            .chain(() -> update(id, "succeeded", "done", rows.size(), ", finished_at = now()"));
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "import %s of tenant %s failed", id, tenantId);
                    return pool.preparedQuery("SELECT phase FROM import_job WHERE id = $1").execute(Tuple.of(id))
                            .chain(found -> {
                                boolean committed = found.iterator().hasNext()
                                        && "indexing".equals(found.iterator().next().getString("phase"));
                                // the rows are in the database: the index sync catches up on its own
                                return committed ? update(id, "succeeded", "done", rows.size(), ", finished_at = now()")
                                        : fail(id, null, List.of(), reason(e));
                            });
                })
                .onFailure().invoke(e -> Log.errorf(e, "import %s: could not record the outcome", id))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Every problem of every row: fields, unreadable lines, ids repeated in the file. */
    private List<RejectedRow> validate(List<EntryFiles.Row> rows) {
        List<RejectedRow> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EntryFiles.Row row : rows) {
            List<String> errors = new ArrayList<>();
            if (row.error() != null) {
                errors.add(row.error());
            } else {
                for (ConstraintViolation<EntryRequest> v : validator.validate(row.entry())) {
                    errors.add(v.getPropertyPath() + ": " + v.getMessage());
                }
                if (row.entry().validUntil() != null && row.entry().validFrom() != null
                        && !row.entry().validUntil().isAfter(row.entry().validFrom())) {
                    errors.add("validUntil: must be after validFrom");
                }
                if (row.entry().id() != null && !seen.add(row.entry().id())) {
                    errors.add("id: " + row.entry().id() + " appears more than once in the file");
                }
            }
            if (!errors.isEmpty()) {
                errors.sort(null);
                rejected.add(new RejectedRow(row.line(), row.entry() == null ? null : row.entry().id(), errors));
            }
        }
        return rejected;
    }

    /** Adds the rows whose id belongs to another tenant's entry (ids are global) to {@code rejected}, by line. */
    private Uni<List<RejectedRow>> otherTenantsIds(String tenantId, List<EntryFiles.Row> rows,
            List<RejectedRow> rejected) {
        Set<Integer> bad = new HashSet<>();
        rejected.forEach(r -> bad.add(r.line()));
        List<EntryFiles.Row> valid = rows.stream().filter(r -> !bad.contains(r.line()) && r.entry().id() != null)
                .toList();
        if (valid.isEmpty()) {
            return Uni.createFrom().item(rejected);
        }
        String[] ids = valid.stream().map(r -> r.entry().id()).toArray(String[]::new);
        return pool.preparedQuery("SELECT id FROM faq_entry WHERE id = ANY($1) AND tenant_id <> $2")
                .execute(Tuple.of(ids, tenantId))
                .map(found -> {
                    Set<String> taken = new HashSet<>();
                    found.forEach(row -> taken.add(row.getString("id")));
                    List<RejectedRow> all = new ArrayList<>(rejected);
                    valid.stream().filter(r -> taken.contains(r.entry().id()))
                            .forEach(r -> all.add(new RejectedRow(r.line(), r.entry().id(),
                                    List.of("id: " + r.entry().id() + " is taken; choose another id"))));
                    all.sort((a, b) -> Integer.compare(a.line(), b.line()));
                    return all;
                });
    }

    /** One transaction: every row, its version history, and the job's move to phase indexing. */
    private Uni<Void> write(String id, String tenantId, String user, List<EntryFiles.Row> rows) {
        List<List<EntryFiles.Row>> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            batches.add(rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
        int[] counts = new int[3];
        return Panache.withTransaction(() -> Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> writeBatch(tenantId, user, batch, counts)
                        .call(() -> Panache.getSession().chain(session -> session.flush()))
                        .chain(() -> {
                            counts[2] += batch.size();
                            return update(id, "running", "writing", counts[2], "");
                        }))
                .collect().last()
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("UPDATE import_job SET "
                                + "phase = 'indexing', processed = 0, created = ?1, updated = ?2, heartbeat_at = now() "
                                + "WHERE id = ?3")
                        .setParameter(1, counts[0]).setParameter(2, counts[1]).setParameter(3, id)
                        .executeUpdate())))
                .replaceWithVoid();
    }

    private Uni<Void> writeBatch(String tenantId, String user, List<EntryFiles.Row> batch, int[] counts) {
        List<String> ids = batch.stream().map(r -> r.entry().id()).filter(i -> i != null).toList();
        return (ids.isEmpty() ? Uni.createFrom().item(List.<FaqEntry>of())
                : FaqEntry.<FaqEntry>list("id in ?1 and tenantId = ?2", ids, tenantId))
                .chain(existing -> {
                    Map<String, FaqEntry> byId = new HashMap<>();
                    existing.forEach(e -> byId.put(e.id, e));
                    return Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(row -> {
                        FaqEntry entry = row.entry().id() == null ? null : byId.get(row.entry().id());
                        if (entry == null) {
                            FaqEntry created = new FaqEntry();
                            created.id = row.entry().id() != null ? row.entry().id() : KnowledgeEditor.newId(tenantId);
                            created.tenantId = tenantId;
                            created.createdAt = Instant.now();
                            created.version = 1;
                            KnowledgeEditor.apply(created, row.entry());
                            counts[0]++;
                            return created.persist().chain(() -> editor.history(created, "imported", user));
                        }
                        KnowledgeEditor.apply(entry, row.entry());
                        entry.version++;
                        counts[1]++;
                        return editor.history(entry, "imported", user);
                    }).collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> update(String id, String status, String phase, int processed, String extra) {
        return pool.preparedQuery("UPDATE import_job SET status = $2, phase = $3, processed = $4, heartbeat_at = now()"
                        + extra + " WHERE id = $1")
                .execute(Tuple.of(id, status, phase, processed))
                .replaceWithVoid();
    }

    /** Fails the job; {@code processed} null keeps the count of the phase it failed in. */
    private Uni<Void> fail(String id, Integer processed, List<RejectedRow> rejected, String reason) {
        String errors;
        try {
            errors = mapper.writeValueAsString(rejected.subList(0, Math.min(MAX_ERRORS, rejected.size())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return pool.preparedQuery("UPDATE import_job SET status = 'failed', phase = 'done', rejected = $2, errors = $3, "
                        + "reason = $4, processed = COALESCE($5, processed), created = 0, updated = 0, finished_at = now(), "
                        + "heartbeat_at = now() WHERE id = $1")
                .execute(Tuple.of(id, rejected.size(), errors, reason, processed))
                .replaceWithVoid();
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException c
                    && UNIQUE_VIOLATION.equals(c.getSQLState())) {
                return "An id of the file was taken by another entry while the import ran; nothing was imported. "
                        + "Send the file again to see which rows to fix.";
            }
        }
        return "The import could not be written (the database refused it or could not be reached); nothing was "
                + "imported. Send the file again.";
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /**
     * Settles unfinished jobs whose instance stopped reporting (the service restarted or crashed): failed when their
     * rows were not committed, succeeded when they were (the index sync rebuilds the index from the database).
     */
    private Uni<Void> settleStopped(String tenantId) {
        return pool.preparedQuery("UPDATE import_job SET status = CASE WHEN phase = 'indexing' THEN 'succeeded' ELSE "
                        + "'failed' END, reason = CASE WHEN phase = 'indexing' THEN NULL ELSE $3 END, "
                        + "phase = 'done', finished_at = now() WHERE status IN ('queued', 'running') "
                        + "AND heartbeat_at < now() - $2::float8 * interval '1 millisecond' AND NOT (id = ANY($4)) "
                        + "AND ($1::text IS NULL OR tenant_id = $1)")
                .execute(Tuple.of(tenantId, (double) config.importStaleAfter().toMillis(), STOPPED,
                        running.toArray(String[]::new)))
                .invoke(settled -> {
                    if (settled.rowCount() > 0) {
                        Log.warnf("%d import jobs stopped without finishing (a restart?) and are settled",
                                settled.rowCount());
                    }
                })
                .replaceWithVoid();
    }

    /** Tells other instances that this one still works on its jobs, and settles the jobs of stopped instances. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        Uni<Void> beat = running.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE import_job SET heartbeat_at = now() WHERE id = ANY($1)")
                        .execute(Tuple.of(running.toArray(String[]::new))).replaceWithVoid();
        return beat.chain(() -> settleStopped(null))
                .onFailure().invoke(e -> Log.warnf("import job heartbeat failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Job toJob(Row row) {
        List<RejectedRow> errors;
        try {
            errors = mapper.readValue(row.getString("errors"), ERRORS);
        } catch (JsonProcessingException e) {
            errors = List.of();
        }
        return new Job(row.getString("id"), row.getString("status"), row.getString("phase"), row.getString("format"),
                row.getInteger("total"), row.getInteger("processed"), row.getInteger("created"),
                row.getInteger("updated"), row.getInteger("rejected"), errors, row.getString("reason"),
                row.getString("created_by"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
