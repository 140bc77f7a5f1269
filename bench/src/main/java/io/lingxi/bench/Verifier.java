package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After the load: reads every conversation of the run back through the pull API and counts, per phase, replies
 * stored twice (same id, or same sender and text for the same message), messages with no reply stored at all, and
 * replies stored but never seen by the live stream.
 */
public final class Verifier {

    public static Map<String, Map<String, Long>> verify(Gateway gateway, Gateway.Channel channel, Registry registry,
            int seconds) throws InterruptedException {
        Map<String, Map<String, AtomicLong>> counts = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, Gateway.daemon("bench-verify"));
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (String conversation : registry.conversations()) {
            String phase = registry.phaseOfConversation(conversation);
            Map<String, AtomicLong> c;
            synchronized (counts) {
                c = counts.computeIfAbsent(phase, k -> {
                    Map<String, AtomicLong> m = new LinkedHashMap<>();
                    for (String key : List.of("conversationsChecked", "conversationsNotChecked", "duplicateReplies",
                            "messagesWithoutStoredReply", "repliesStoredButNotReceived")) {
                        m.put(key, new AtomicLong());
                    }
                    return m;
                });
            }
            pool.execute(() -> {
                if (System.nanoTime() > deadline) {
                    c.get("conversationsNotChecked").incrementAndGet();
                    return;
                }
                try {
                    check(gateway.conversation(channel, conversation), registry, c);
                    c.get("conversationsChecked").incrementAndGet();
                } catch (Exception e) {
                    c.get("conversationsNotChecked").incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        pool.shutdownNow();
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        counts.forEach((phase, c) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            c.forEach((k, v) -> m.put(k, v.get()));
            out.put(phase, m);
        });
        return out;
    }

    static void check(List<JsonNode> lines, Registry registry, Map<String, AtomicLong> c) {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> contents = new HashMap<>();
        Map<String, Integer> repliesPerMessage = new HashMap<>();
        for (JsonNode line : lines) {
            String sender = line.path("sender").asText();
            if (sender.equals("customer")) {
                repliesPerMessage.putIfAbsent(line.path("id").asText(), 0);
                continue;
            }
            String inReplyTo = line.path("inReplyTo").asText(null);
            if (ids.merge(line.path("id").asText(), 1, Integer::sum) > 1
                    | contents.merge(inReplyTo + '\u0000' + sender + '\u0000' + line.path("text").asText(), 1,
                    Integer::sum) > 1) {
                c.get("duplicateReplies").incrementAndGet();
            }
            if (inReplyTo != null) {
                repliesPerMessage.merge(inReplyTo, 1, Integer::sum);
                TurnRecord turn = registry.turn(inReplyTo);
                if (turn != null && !turn.answered()) {
                    c.get("repliesStoredButNotReceived").incrementAndGet();
                }
            }
        }
        repliesPerMessage.forEach((messageId, n) -> {
            TurnRecord turn = registry.turn(messageId);
            // a message sent after a handoff is answered by a person, not by the bot: not counted
            if (n == 0 && turn != null && turn.accepted()) {
                c.get("messagesWithoutStoredReply").incrementAndGet();
            }
        });
    }
}
