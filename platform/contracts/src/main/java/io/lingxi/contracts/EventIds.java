package io.lingxi.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids. A step that is re-processed after a crash derives the same ids for what it
 * emits, so downstream consumers, idempotent on {@code ce_id}, drop the repeat.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The id of the event that {@code step} emits in response to the event {@code inputId}. */
    public static String derive(String inputId, String step) {
        return UUID.nameUUIDFromBytes((inputId + "/" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
