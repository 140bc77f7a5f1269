package io.lingxi.gateway.api;

/** The answer to a posted message: where its replies will appear. */
public record MessageAccepted(String conversationId, String messageId, boolean duplicate) {
}
