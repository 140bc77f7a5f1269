package io.lingxi.gateway.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process signals "this conversation has new lines", raised once a line is committed, so open streams (SSE,
 * web chat) read from their last seen position at once instead of waiting for their next poll. A signal
 * carries no data: streams still read from the database, so order and resume stay database-based and a missed
 * signal only delays a line until the stream's fallback poll. Signals reach the streams of this replica only;
 * a line stored by another replica is found by the fallback poll.
 */
@ApplicationScoped
public class ConversationSignals {

    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} after each new line of the conversation until the returned handle is closed. */
    public AutoCloseable listen(String conversationId, Runnable listener) {
        listeners.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(conversationId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Tells the conversation's open streams that a line was committed. Never throws. */
    public void signal(String conversationId) {
        Set<Runnable> set = conversationId == null ? null : listeners.get(conversationId);
        if (set == null) {
            return;
        }
        for (Runnable listener : set) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                Log.debugf("A stream of conversation %s did not take a signal: %s", conversationId, e.getMessage());
            }
        }
    }

    /** Conversations with at least one listener (for tests and metrics). */
    public int listening() {
        return listeners.size();
    }
}
