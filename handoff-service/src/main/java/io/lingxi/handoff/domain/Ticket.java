package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What a customer left while nobody could answer; an agent claims it and answers later. */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String CLAIMED = "CLAIMED";
    public static final String RESOLVED = "RESOLVED";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String language;

    @Column(name = "skill_group", nullable = false)
    public String skillGroup;

    /** The customer's messages, one per line. */
    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String status;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
