package io.lingxi.contracts.messaging;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How every Lingxi consumer finishes a record: acknowledged once handled; an {@link InvalidEventException}
 * is nacked at once (the channel's failure strategy sends it to the dead-letter topic); any other failure
 * (database or broker briefly away) is retried with back-off before it is nacked.
 */
public final class ReliableConsumer {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);
    private static final int RETRIES = 5;

    private ReliableConsumer() {
    }

    public static Uni<Void> handle(Message<?> message, Supplier<Uni<? extends Void>> handler) {
        return Uni.createFrom().<Void>deferred(handler)
                .onFailure(e -> !(e instanceof InvalidEventException))
                .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(RETRIES)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
