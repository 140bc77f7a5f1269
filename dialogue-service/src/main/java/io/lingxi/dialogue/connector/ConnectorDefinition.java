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

    public static Uni<ConnectorDefinition> find(String tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResult();
    }
}
