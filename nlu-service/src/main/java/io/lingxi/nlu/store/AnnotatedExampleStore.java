package io.lingxi.nlu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.nlu.names.AnnotatedExample;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Per-tenant annotated examples (sentences with marked names), one per distinct text. */
@ApplicationScoped
public class AnnotatedExampleStore {

    /** A stored annotated example. */
    public record Stored(long id, AnnotatedExample example) {
    }

    private static final TypeReference<List<AnnotatedExample.Annotation>> ANNOTATIONS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public AnnotatedExampleStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The tenant's examples, oldest first. */
    public Uni<List<Stored>> examples(String tenant) {
        return pool.preparedQuery("SELECT id, text, entities FROM nlu_annotated_example WHERE tenant_id = $1 ORDER BY id")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<Stored> stored = new ArrayList<>();
                    for (Row row : rows) {
                        stored.add(stored(row));
                    }
                    return stored;
                });
    }

    /** Adds the example; empty when the tenant already has one with the same text. */
    public Uni<Optional<Stored>> add(String tenant, AnnotatedExample example) {
        return insert(pool, tenant, example);
    }

    /** Adds them all in one transaction (after deleting the tenant's examples when {@code replace}); the count added. */
    public Uni<Integer> addAll(String tenant, List<AnnotatedExample> examples, boolean replace) {
        return pool.withTransaction(client -> {
            Uni<Integer> chain = replace
                    ? client.preparedQuery("DELETE FROM nlu_annotated_example WHERE tenant_id = $1")
                            .execute(Tuple.of(tenant)).replaceWith(0)
                    : Uni.createFrom().item(0);
            for (AnnotatedExample example : examples) {
                chain = chain.chain(count -> insert(client, tenant, example).map(a -> a.isPresent() ? count + 1 : count));
            }
            return chain;
        });
    }

    public Uni<Boolean> delete(String tenant, long id) {
        return pool.preparedQuery("DELETE FROM nlu_annotated_example WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() > 0);
    }

    private Uni<Optional<Stored>> insert(SqlClient client, String tenant, AnnotatedExample example) {
        return client.preparedQuery("""
                INSERT INTO nlu_annotated_example (tenant_id, text, entities, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, text) DO NOTHING RETURNING id""")
                .execute(Tuple.of(tenant, example.text(), json(example.entities()), TrainingDataStore.now()))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new Stored(row.getLong("id"), example));
                    }
                    return Optional.empty();
                });
    }

    private Stored stored(Row row) {
        try {
            return new Stored(row.getLong("id"), new AnnotatedExample(row.getString("text"),
                    mapper.readValue(row.getString("entities"), ANNOTATIONS)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored annotations of example " + row.getLong("id") + " are unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
