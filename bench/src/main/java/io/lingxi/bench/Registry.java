package io.lingxi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every message the benchmark sent, by message id, so that a reply (whichever way it arrives) is matched to the
 * message that caused it through its {@code inReplyTo}.
 */
public final class Registry {

    private final ConcurrentHashMap<String, TurnRecord> turns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Consumer<TurnRecord>> waiting = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> conversations = new ConcurrentHashMap<>();
    private volatile long strayReplies;

    public void sent(TurnRecord record, Consumer<TurnRecord> onFirstReply) {
        turns.put(record.messageId, record);
        waiting.put(record.messageId, onFirstReply);
    }

    public void conversation(String conversationId, String phase) {
        conversations.putIfAbsent(conversationId, phase);
    }

    /** A reply line as the integrator received it. Lines of the customer's own messages are ignored. */
    public void reply(String inReplyTo, String replyId, String sender, String text, long nanos, long epochMicros) {
        if ("customer".equalsIgnoreCase(sender)) {
            return;
        }
        TurnRecord record = inReplyTo == null ? null : turns.get(inReplyTo);
        if (record == null) {
            synchronized (this) {
                strayReplies++;
            }
            return;
        }
        if (record.reply(replyId, sender, text, nanos, epochMicros)) {
            Consumer<TurnRecord> next = waiting.remove(inReplyTo);
            if (next != null) {
                next.accept(record);
            }
        }
    }

    /** Stops waiting for a message's reply (timed out or the phase ended); a reply arriving later is still counted. */
    public void giveUp(String messageId) {
        waiting.remove(messageId);
    }

    public TurnRecord turn(String messageId) {
        return turns.get(messageId);
    }

    public List<TurnRecord> turns(String phase) {
        List<TurnRecord> out = new ArrayList<>();
        for (TurnRecord record : turns.values()) {
            if (record.phase.equals(phase)) {
                out.add(record);
            }
        }
        out.sort((a, b) -> Long.compare(a.sentNanos, b.sentNanos));
        return out;
    }

    public List<String> conversations() {
        return new ArrayList<>(conversations.keySet());
    }

    public String phaseOfConversation(String conversationId) {
        return conversations.get(conversationId);
    }

    /** Replies to no message this run sent (e.g. an earlier run's stragglers). */
    public synchronized long strayReplies() {
        return strayReplies;
    }
}
