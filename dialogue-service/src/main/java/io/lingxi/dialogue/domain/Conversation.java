package io.lingxi.dialogue.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A conversation as dialogue owns it: who answers, in which language, how many turns so far. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConversationStatus status;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public int turns;

    /** The flow the conversation is in, or null. */
    @Column(name = "active_flow")
    public String activeFlow;

    @Column(name = "flow_step")
    public String flowStep;

    /** The active flow's slots, as JSON. */
    @Column(name = "flow_slots")
    public String flowSlots;

    @Column(name = "flow_attempts", nullable = false)
    public int flowAttempts;

    /** Turns in a row nobody could answer; reset by an answer. */
    @Column(name = "consecutive_fallbacks", nullable = false)
    public int consecutiveFallbacks;

    /** Negative messages in a row. */
    @Column(name = "negative_streak", nullable = false)
    public int negativeStreak;

    /** Closed and waiting for the customer's satisfaction answer. */
    @Column(name = "survey_pending", nullable = false)
    public boolean surveyPending;

    @Column(name = "survey_score")
    public Integer surveyScore;

    /** The customer's channel type (web, wechat-oa, phone, …), as the channel last reported it. */
    @Column(name = "channel_type")
    public String channelType;

    /** The channel's latest customer profile hints, as JSON. */
    @Column(name = "customer_profile")
    public String customerProfile;

    /** The phone call, on a phone channel. */
    @Column(name = "call_id")
    public String callId;

    /** The VIP trigger already handed this conversation over once. */
    @Column(name = "vip_handed_off", nullable = false)
    public boolean vipHandedOff;

    /** An interrupted flow waiting to be offered again ({@code DUE}) or offered ({@code OFFERED}); null otherwise. */
    @Column(name = "flow_resume")
    public String flowResume;

    /** A flow put aside for another flow the customer started mid-way; offered again when that one ends. */
    @Column(name = "suspended_flow")
    public String suspendedFlow;

    @Column(name = "suspended_step")
    public String suspendedStep;

    /** The suspended flow's slots, as JSON. */
    @Column(name = "suspended_slots")
    public String suspendedSlots;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
