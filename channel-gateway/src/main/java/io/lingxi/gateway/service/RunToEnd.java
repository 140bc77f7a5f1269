package io.lingxi.gateway.service;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Work that must not be cut short when its caller goes away. A client that gives up on a request cancels the
 * request's {@link Uni}; cancelling a Hibernate Reactive transaction half-way closes its session under the
 * running statement ({@code HR000090 Live transaction detected}, {@code No current Mutiny.Session found}) and
 * can leave a message stored but never published until the republisher finds it. Shielded work runs to its end
 * on the caller's Vert.x context; only the answer is dropped.
 */
public final class RunToEnd {

    private RunToEnd() {
    }

    public static <T> Uni<T> of(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }
}
