package io.lingxi.nlu.store;

import io.lingxi.nlu.domain.Gazetteer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-tenant dictionary entities: type → canonical value → synonyms. */
@ApplicationScoped
public class DictionaryStore {

    private final Pool pool;

    public DictionaryStore(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's entries, of one type when {@code type} is not null, ordered by type and value. */
    public Uni<List<Gazetteer.Entry>> entries(String tenant, String type) {
        return pool.preparedQuery("""
                SELECT entity_type, value, synonyms FROM nlu_dictionary_entry
                WHERE tenant_id = $1 AND ($2::VARCHAR IS NULL OR entity_type = $2) ORDER BY entity_type, value""")
                .execute(Tuple.of(tenant, type)).map(rows -> {
                    List<Gazetteer.Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Gazetteer.Entry(row.getString("entity_type"), row.getString("value"),
                                List.of(row.getArrayOfStrings("synonyms"))));
                    }
                    return entries;
                });
    }

    /** Creates the entry or replaces its synonyms. */
    public Uni<Void> save(String tenant, Gazetteer.Entry entry) {
        return pool.preparedQuery("""
                INSERT INTO nlu_dictionary_entry (tenant_id, entity_type, value, synonyms, updated_at)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, entity_type, value) DO UPDATE SET
                synonyms = EXCLUDED.synonyms, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(tenant, entry.type(), entry.value(),
                        entry.synonyms().toArray(String[]::new), TrainingDataStore.now())))
                .replaceWithVoid();
    }

    public Uni<Boolean> delete(String tenant, String type, String value) {
        return pool.preparedQuery(
                "DELETE FROM nlu_dictionary_entry WHERE tenant_id = $1 AND entity_type = $2 AND value = $3")
                .execute(Tuple.of(tenant, type, value)).map(rows -> rows.rowCount() > 0);
    }
}
