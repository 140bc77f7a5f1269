package io.lingxi.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Secrets shown exactly once: the API key (on create and rotation) and the webhook signing secret (on create
 * and its rotation). Store them; the gateway keeps only a hash of the key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelSecrets(ChannelView channel, String apiKey, String webhookSecret,
        Instant previousKeyValidUntil) {
}
