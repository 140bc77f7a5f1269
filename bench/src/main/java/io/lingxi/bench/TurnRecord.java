package io.lingxi.bench;

import java.util.HashSet;
import java.util.Set;

/** One customer message and what became of it. Mutated under its own lock; read after the phase ended. */
public final class TurnRecord {

    public final String phase;
    public final String script;
    public final int turn;
    public final String messageId;
    public final Script.Turn spec;
    /** When the HTTP request was started: wall clock (µs since the epoch, to compare with Kafka) and nanoTime. */
    public final long sentEpochMicros;
    public final long sentNanos;

    public String conversationId;
    public int httpStatus;
    public String error;
    public long acceptedNanos;
    public long firstReplyNanos;
    public long firstReplyEpochMicros;
    public String firstReplyText;
    public String firstReplySender;
    public int replies;
    public int duplicates;
    public boolean lost;
    private final Set<String> replyIds = new HashSet<>();
    private final Set<String> replyContents = new HashSet<>();

    public TurnRecord(String phase, String script, int turn, String messageId, Script.Turn spec, long sentEpochMicros,
            long sentNanos) {
        this.phase = phase;
        this.script = script;
        this.turn = turn;
        this.messageId = messageId;
        this.spec = spec;
        this.sentEpochMicros = sentEpochMicros;
        this.sentNanos = sentNanos;
    }

    /**
     * Counts a reply to this message; answers true when it is the first one. A reply seen again under the same id,
     * or the same text from the same sender under another id (a step processed twice upstream), is a duplicate.
     */
    public synchronized boolean reply(String replyId, String sender, String text, long nanos, long epochMicros) {
        boolean newId = replyIds.add(replyId);
        boolean newContent = replyContents.add(sender + '\u0000' + text);
        if (!newId || !newContent) {
            duplicates++;
            return false;
        }
        replies++;
        if (firstReplyNanos != 0) {
            return false;
        }
        firstReplyNanos = nanos;
        firstReplyEpochMicros = epochMicros;
        firstReplyText = text;
        firstReplySender = sender;
        return true;
    }

    public synchronized boolean answered() {
        return firstReplyNanos != 0;
    }

    public synchronized boolean accepted() {
        return httpStatus == 202;
    }

    /** End-to-end latency in µs, from the start of the HTTP request to the first reply's arrival; -1 if none. */
    public synchronized long latencyMicros() {
        return firstReplyNanos == 0 ? -1 : (firstReplyNanos - sentNanos) / 1_000;
    }

    public synchronized long acceptMicros() {
        return acceptedNanos == 0 ? -1 : (acceptedNanos - sentNanos) / 1_000;
    }

    public synchronized boolean unexpected() {
        return firstReplyText != null && !spec.expected(firstReplyText);
    }
}
