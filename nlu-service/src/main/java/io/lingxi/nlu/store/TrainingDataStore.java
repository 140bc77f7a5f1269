package io.lingxi.nlu.store;

import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TextNormalizer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A tenant's intents and examples in PostgreSQL. Every query is scoped by tenant id. */
@ApplicationScoped
public class TrainingDataStore {

    /** An intent with its number of examples. */
    public record Intent(String name, String description, int examples) {
    }

    /** One stored example. */
    public record Example(long id, String intent, String text) {
    }

    private final Pool pool;

    public TrainingDataStore(Pool pool) {
        this.pool = pool;
    }

    /** The key under which two texts count as the same example. */
    public static String key(String text) {
        return TextNormalizer.normalize(text);
    }

    public Uni<List<Intent>> intents(String tenant) {
        return pool.preparedQuery("""
                SELECT i.name, i.description, COUNT(e.id) AS examples FROM nlu_intent i
                LEFT JOIN nlu_example e ON e.tenant_id = i.tenant_id AND e.intent = i.name
                WHERE i.tenant_id = $1 GROUP BY i.name, i.description ORDER BY i.name""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<Intent> intents = new ArrayList<>();
                    for (Row row : rows) {
                        intents.add(new Intent(row.getString("name"), row.getString("description"),
                                row.getLong("examples").intValue()));
                    }
                    return intents;
                });
    }

    /** Creates the intent or updates its description. */
    public Uni<Void> saveIntent(String tenant, String name, String description) {
        return pool.preparedQuery("""
                INSERT INTO nlu_intent (tenant_id, name, description, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, name) DO UPDATE SET description = EXCLUDED.description""")
                .execute(Tuple.of(tenant, name, description, now())).replaceWithVoid();
    }

    /** Deletes the intent and its examples; false when there was none. */
    public Uni<Boolean> deleteIntent(String tenant, String name) {
        return pool.preparedQuery("DELETE FROM nlu_intent WHERE tenant_id = $1 AND name = $2")
                .execute(Tuple.of(tenant, name)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Example>> examples(String tenant, String intent) {
        String sql = "SELECT id, intent, text FROM nlu_example WHERE tenant_id = $1"
                + (intent == null ? "" : " AND intent = $2") + " ORDER BY intent, id";
        return pool.preparedQuery(sql).execute(intent == null ? Tuple.of(tenant) : Tuple.of(tenant, intent))
                .map(rows -> {
                    List<Example> examples = new ArrayList<>();
                    for (Row row : rows) {
                        examples.add(new Example(row.getLong("id"), row.getString("intent"), row.getString("text")));
                    }
                    return examples;
                });
    }

    /** The example with the same normalised text, if any. */
    public Uni<Optional<Example>> findByText(String tenant, String text) {
        return pool.preparedQuery("SELECT id, intent, text FROM nlu_example WHERE tenant_id = $1 AND text_key = $2")
                .execute(Tuple.of(tenant, key(text))).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new Example(row.getLong("id"), row.getString("intent"),
                                row.getString("text")));
                    }
                    return Optional.empty();
                });
    }

    /** Adds an example (creating its intent); empty when the same text is already stored. */
    public Uni<Optional<Example>> addExample(String tenant, String intent, String text) {
        return pool.withTransaction(client -> insert(client, tenant, intent, text));
    }

    /** Adds all examples in one transaction (skipping texts already stored), after replacing all when asked. */
    public Uni<Integer> addAll(String tenant, List<LabeledText> examples, boolean replace) {
        return pool.withTransaction(client -> {
            Uni<Void> start = replace
                    ? client.preparedQuery("DELETE FROM nlu_intent WHERE tenant_id = $1").execute(Tuple.of(tenant))
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            Uni<Integer> chain = start.replaceWith(0);
            for (LabeledText example : examples) {
                chain = chain.chain(count -> insert(client, tenant, example.intent(), example.text())
                        .map(added -> added.isPresent() ? count + 1 : count));
            }
            return chain;
        });
    }

    private static Uni<Optional<Example>> insert(SqlClient client, String tenant, String intent, String text) {
        return client.preparedQuery("""
                INSERT INTO nlu_intent (tenant_id, name, created_at) VALUES ($1, $2, $3)
                ON CONFLICT (tenant_id, name) DO NOTHING""").execute(Tuple.of(tenant, intent, now()))
                .chain(() -> client.preparedQuery("""
                        INSERT INTO nlu_example (tenant_id, intent, text, text_key, created_at)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, text_key) DO NOTHING RETURNING id""")
                        .execute(Tuple.of(tenant, intent, text, key(text), now())))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new Example(row.getLong("id"), intent, text));
                    }
                    return Optional.empty();
                });
    }

    public Uni<Boolean> deleteExample(String tenant, long id) {
        return pool.preparedQuery("DELETE FROM nlu_example WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() > 0);
    }

    /** Everything the tenant's model trains on. */
    public Uni<List<LabeledText>> trainingData(String tenant) {
        return examples(tenant, null).map(examples -> examples.stream()
                .map(e -> new LabeledText(e.text(), e.intent())).toList());
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
