package io.lingxi.gateway.api;

/** @param overlapSeconds how long the old key keeps working, 0 to 2,592,000 (30 days); default 86,400 */
public record RotateKeyRequest(Long overlapSeconds) {
}
