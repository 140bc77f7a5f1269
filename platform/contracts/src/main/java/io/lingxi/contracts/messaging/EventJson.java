package io.lingxi.contracts.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/** JSON (de)serialisation of event payloads, with bad input reported as {@link InvalidEventException}. */
public final class EventJson {

    private EventJson() {
    }

    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty " + type.getSimpleName() + " payload");
        }
        try {
            return Objects.requireNonNull(mapper.readValue(json, type));
        } catch (JsonProcessingException | NullPointerException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + " payload: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static String write(ObjectMapper mapper, Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Fails with {@link InvalidEventException} when a required field is missing. */
    public static <T> T require(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InvalidEventException("missing field " + field);
        }
        return value;
    }
}
