package io.lingxi.local;

/** A failure the person running {@code deploy/local/lingxi} can act on: its message is printed, never a stack trace. */
public class ToolFailure extends RuntimeException {

    public ToolFailure(String message) {
        super(message);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
