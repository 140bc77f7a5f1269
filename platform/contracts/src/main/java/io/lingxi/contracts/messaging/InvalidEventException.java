package io.lingxi.contracts.messaging;

/**
 * An event that can never be processed (malformed JSON, missing fields or headers, unknown references).
 * Consumers send it to the topic's dead-letter queue at once instead of retrying.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
