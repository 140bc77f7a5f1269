package io.lingxi.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A channel through which one tenant's customers write in; authenticated by its API key. */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** One of {@link ChannelType}'s codes: {@code web}, {@code app}, {@code wechat-oa}, … */
    @Column(nullable = false)
    public String type;

    public String name;

    /** SHA-256 of the API key, hex; the key itself is never stored. */
    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    /** The key before the last rotation, still accepted until {@link #previousKeyValidUntil}. */
    @Column(name = "previous_key_hash")
    public String previousKeyHash;

    @Column(name = "previous_key_valid_until")
    public Instant previousKeyValidUntil;

    @Column(nullable = false)
    public boolean enabled;

    /** Where replies are pushed (webhook); null means the channel pulls them (HTTP or SSE). */
    @Column(name = "reply_webhook_url")
    public String replyWebhookUrl;

    /** The shared secret that signs webhook deliveries. */
    @Column(name = "webhook_secret")
    public String webhookSecret;

    /** Type-specific credentials as JSON (see {@link ChannelCredentials}). */
    public String credentials;

    @Column(name = "rate_channel_per_minute")
    public Integer rateChannelPerMinute;

    @Column(name = "rate_customer_per_minute")
    public Integer rateCustomerPerMinute;

    /** Web channels: the origins (scheme://host[:port]) whose pages may embed the widget, space-separated. */
    @Column(name = "allowed_origins")
    public String allowedOrigins;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public ChannelType channelType() {
        return ChannelType.of(type);
    }

    public List<String> allowedOriginList() {
        return allowedOrigins == null || allowedOrigins.isBlank() ? List.of() : List.of(allowedOrigins.trim().split("\\s+"));
    }

    /** Whether a page of {@code origin} may use this channel's widget; the gateway's own pages always may. */
    public boolean allowsOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String withoutScheme = origin.replaceFirst("^https?://", "");
        return withoutScheme.equalsIgnoreCase(host) || allowedOriginList().stream().anyMatch(origin::equalsIgnoreCase);
    }

    public static Uni<List<Channel>> listTenant(String tenantId) {
        return list("tenantId = ?1 order by id", tenantId);
    }
}
