package io.lingxi.dialogue.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One customer message and what the bot did about it. */
@Entity
@Table(name = "turn")
public class Turn extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "input_event_id", nullable = false)
    public String inputEventId;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public String intent;

    @Column(nullable = false)
    public double confidence;

    /** The message's entities, as JSON. */
    public String entities;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TurnState state;

    public String reply;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public static Uni<Turn> findByMessage(String conversationId, String messageId) {
        return find("conversationId = ?1 and messageId = ?2", conversationId, messageId).firstResult();
    }

    /** The latest turns of a conversation, newest first. */
    public static Uni<List<Turn>> latest(String conversationId, int count) {
        return find("conversationId = ?1 order by id desc", conversationId).page(0, count).list();
    }
}
