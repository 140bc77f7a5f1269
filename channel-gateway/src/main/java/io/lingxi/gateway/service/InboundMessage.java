package io.lingxi.gateway.service;

/** A customer's message as a channel hands it over. */
public record InboundMessage(String messageId, String customerId, String text) {
}
