package io.lingxi.dialogue.service;

import io.lingxi.dialogue.config.DialogueConfig;
import io.lingxi.dialogue.domain.Conversation;
import io.lingxi.dialogue.domain.ConversationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Closes conversations the customer left with the bot, after each tenant's idle timeout. */
@ApplicationScoped
public class IdleConversations {

    private static final int BATCH = 100;

    private final ConversationService conversations;
    private final DialogueConfig config;

    public IdleConversations(ConversationService conversations, DialogueConfig config) {
        this.conversations = conversations;
        this.config = config;
    }

    @Scheduled(every = "${lingxi.dialogue.idle-check-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeIdle() {
        Instant now = Instant.now();
        Duration shortest = config.idleTimeouts().values().stream().min(Duration::compareTo)
                .filter(d -> d.compareTo(config.idleTimeout()) < 0).orElse(config.idleTimeout());
        return Panache.withSession(() -> Conversation.<Conversation>find(
                        "status = ?1 and updatedAt < ?2 order by updatedAt", ConversationStatus.BOT, now.minus(shortest))
                        .page(0, BATCH).list())
                .onItem().transformToMulti(idle -> Multi.createFrom().iterable(idle))
                .onItem().transformToUniAndConcatenate(conversation -> {
                    Duration timeout = config.idleTimeouts().getOrDefault(conversation.tenantId, config.idleTimeout());
                    return conversations.closeIfIdle(conversation.id, now.minus(timeout));
                })
                .collect().last()
                .onFailure().invoke(e -> Log.warnf("Closing idle conversations failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
