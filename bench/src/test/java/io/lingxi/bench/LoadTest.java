package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a fake gateway: matching, lost and duplicate replies, open and closed loop. */
class LoadTest {

    private FakeGateway fake;
    private Gateway gateway;
    private ScheduledExecutorService scheduler;
    private final Registry registry = new Registry();
    private final Gateway.Channel channel = new Gateway.Channel("web", "test-key", null);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeGateway();
        gateway = new Gateway(fake.url(), new ObjectMapper());
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        gateway.close();
        fake.close();
    }

    private Load load(List<Script> scripts) {
        return new Load(gateway, channel, registry, new Scripts(scripts), scheduler, true, Duration.ofSeconds(2), 0,
                "t");
    }

    @Test
    void openLoopMatchesEveryReplyToItsMessageAndCountsLostAndDuplicateReplies() throws Exception {
        Script fine = new Script("fine", "en", 8, List.of(Script.Turn.of("hello", "reply to hello"),
                Script.Turn.of("order", "reply to order")));
        Script silent = new Script("silent", "en", 1, List.of(Script.Turn.of("silent please", "reply")));
        Script twice = new Script("twice", "en", 1, List.of(Script.Turn.of("say it twice", "reply")));

        Load.PhaseRun run = load(List.of(fine, silent, twice)).openLoop("open", 40, 1, 7);

        List<TurnRecord> turns = registry.turns("open");
        Map<String, Object> figures = Figures.phase(run, "open loop", "40 turns/s", turns, null, Map.of());
        long silentTurns = turns.stream().filter(t -> t.script.equals("silent")).count();
        long twiceTurns = turns.stream().filter(t -> t.script.equals("twice")).count();
        assertThat(run.conversations()).isGreaterThan(10); // Poisson arrivals at 40 ÷ 1.8 conversations a second
        assertThat((long) turns.size()).isGreaterThanOrEqualTo(run.conversations());
        assertThat(silentTurns).isPositive();
        assertThat(twiceTurns).isPositive();
        assertThat(figures).containsEntry("lostReplies", silentTurns).containsEntry("duplicateReplies", twiceTurns)
                .containsEntry("errorCount", 0L).containsEntry("unexpectedReplies", 0L)
                .containsEntry("messagesAnswered", (long) turns.size() - silentTurns);
        // both turns of a "fine" conversation, in order: the second only after the first was answered
        for (TurnRecord t : turns) {
            if (t.script.equals("fine") && t.turn == 1) {
                TurnRecord first = registry.turn(t.messageId.substring(0, t.messageId.length() - 1) + "0");
                assertThat(t.sentNanos).isGreaterThanOrEqualTo(first.firstReplyNanos);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) figures.get("latencyMs");
        assertThat((Double) latency.get("p50")).isGreaterThanOrEqualTo(20.0);

        Map<String, Map<String, Long>> verified = Verifier.verify(gateway, channel, registry, 10);
        assertThat(verified.get("open")).containsEntry("duplicateReplies", twiceTurns)
                .containsEntry("messagesWithoutStoredReply", silentTurns).containsEntry("conversationsNotChecked", 0L);
    }

    @Test
    void closedLoopKeepsItsCustomersBusyAndStopsWhenTimeIsUp() throws Exception {
        Script fine = new Script("fine", "en", 1, List.of(Script.Turn.of("hello", "reply"),
                Script.Turn.of("again", "reply")));

        Load.PhaseRun run = load(List.of(fine)).closedLoop("closed", 4, 1, 3);

        List<TurnRecord> turns = registry.turns("closed");
        // 4 customers, about 25 ms a turn: at least one conversation each, far fewer turns than an unthrottled flood
        assertThat(turns.size()).isBetween(8, 400);
        assertThat(run.conversations()).isGreaterThanOrEqualTo(4);
        assertThat(run.maxConcurrentConversations()).isEqualTo(4);
        assertThat(turns).allMatch(TurnRecord::answered);
        long posts = fake.posts.get();
        assertThat(posts).isEqualTo(turns.size());
    }
}
