package io.lingxi.dialogue.connector;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How a tenant's flows call one of its systems over HTTP. Templates take {@code {slot}} from the flow and
 * {@code ${config:name}} from configuration (secrets stay out of the database).
 */
@Entity
@Table(name = "connector")
public class ConnectorDefinition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String method;

    @Column(name = "url_template", nullable = false)
    public String urlTemplate;

    /** Header name → template, as JSON. */
    public String headers;

    @Column(name = "body_template")
    public String bodyTemplate;

    /** Flow variable → JSON pointer into the response, as JSON. */
    @Column(name = "response_mapping", nullable = false)
    public String responseMapping;

    @Column(name = "timeout_ms", nullable = false)
    public int timeoutMs;

    /** Prefix of {@link #urlTemplate}, e.g. {@code https://orders.example.com}; null when the template is a full URL. */
    @Column(name = "base_url")
    public String baseUrl;

    /** The header that carries {@link #authSecret}, e.g. {@code Authorization} or {@code X-Api-Key}. */
    @Column(name = "auth_header")
    public String authHeader;

    /** The secret sent in {@link #authHeader}, encrypted ({@link ConnectorSecrets}); never returned by the API. */
    @Column(name = "auth_secret")
    public String authSecret;

    /** Retries after a failed call (timeouts and 5xx); only for methods that are safe to repeat. */
    @Column(nullable = false)
    public int retries;

    @Column(name = "cb_failure_ratio", nullable = false)
    public double cbFailureRatio = 0.5;

    @Column(name = "cb_request_volume", nullable = false)
    public int cbRequestVolume = 4;

    @Column(name = "cb_delay_ms", nullable = false)
    public int cbDelayMs = 10_000;

    /** Bumped by every change, so calls pick up new fault-tolerance settings. */
    @Column(nullable = false)
    public int revision = 1;

    @Column(name = "updated_at")
    public java.time.Instant updatedAt;

    public static Uni<ConnectorDefinition> find(String tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResult();
    }

    public static Uni<java.util.List<ConnectorDefinition>> listFor(String tenantId) {
        return list("tenantId = ?1 order by name", tenantId);
    }
}
