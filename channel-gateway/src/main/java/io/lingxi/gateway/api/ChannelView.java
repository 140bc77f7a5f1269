package io.lingxi.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A channel as its tenant's admins see it; secrets are never shown, only whether they are set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(String id, String tenantId, String name, String type, boolean enabled,
        String replyWebhookUrl, String delivery, Credentials credentials, ChannelRequest.RateLimits rateLimits,
        java.util.List<String> allowedOrigins, Instant previousKeyValidUntil, Instant createdAt, Instant updatedAt) {

    /** What is configured, without the secret values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credentials(String appId, boolean appSecretSet, boolean tokenSet, boolean encodingAesKeySet,
            String apiBaseUrl) {
    }
}
