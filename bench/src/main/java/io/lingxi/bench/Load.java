package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs simulated customers against the gateway. Open loop: conversations start at a fixed rate whatever the
 * system's speed (so a slow system cannot hide its latency behind fewer requests). Closed loop: a fixed number of
 * customers, each sending its next message as soon as the previous one was answered, conversation after
 * conversation — the maximum throughput. Within a conversation a customer always waits for the reply (plus think
 * time) before the next message, as a person does.
 */
public final class Load {

    private final Gateway gateway;
    private final Gateway.Channel channel;
    private final Registry registry;
    private final Scripts scripts;
    private final ScheduledExecutorService scheduler;
    private final boolean sse;
    private final Duration replyTimeout;
    private final long thinkMillis;
    private final String runId;
    private final AtomicLong conversationNumbers = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public Load(Gateway gateway, Gateway.Channel channel, Registry registry, Scripts scripts,
            ScheduledExecutorService scheduler, boolean sse, Duration replyTimeout, long thinkMillis, String runId) {
        this.gateway = gateway;
        this.channel = channel;
        this.registry = registry;
        this.scripts = scripts;
        this.scheduler = scheduler;
        this.sse = sse;
        this.replyTimeout = replyTimeout;
        this.thinkMillis = thinkMillis;
        this.runId = runId;
    }

    /** What a phase did, beside the turn records. */
    public record PhaseRun(String phase, long startNanos, long endNanos, long startEpochMicros, long conversations,
            int maxConcurrentConversations) {
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /** Starts conversations at {@code turnsPerSecond / meanTurns} a second (Poisson arrivals) for {@code seconds}. */
    public PhaseRun openLoop(String phase, double turnsPerSecond, int seconds, long seed) throws InterruptedException {
        Random random = new Random(seed);
        double conversationsPerSecond = turnsPerSecond / scripts.meanTurns();
        long start = System.nanoTime();
        long startMicros = Clock.epochMicros();
        long end = start + seconds * 1_000_000_000L;
        long next = start;
        long started = 0;
        Phase state = new Phase(phase);
        maxInFlight.set(0);
        while (true) {
            next += (long) (-Math.log(1 - random.nextDouble()) / conversationsPerSecond * 1e9);
            if (next >= end) {
                break;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            new Conversation(state, scripts.pick(random)).start();
            started++;
        }
        long stop = System.nanoTime();
        state.stopping = true;
        drain(state);
        return new PhaseRun(phase, start, stop, startMicros, started, maxInFlight.get());
    }

    /** {@code customers} customers each run conversations back to back for {@code seconds}. */
    public PhaseRun closedLoop(String phase, int customers, int seconds, long seed) throws InterruptedException {
        Random random = new Random(seed);
        Phase state = new Phase(phase);
        maxInFlight.set(0);
        long start = System.nanoTime();
        long startMicros = Clock.epochMicros();
        state.onDone = () -> {
            if (!state.stopping) {
                Script script;
                synchronized (random) {
                    script = scripts.pick(random);
                }
                state.started.incrementAndGet();
                new Conversation(state, script).start();
            }
        };
        for (int i = 0; i < customers; i++) {
            state.started.incrementAndGet();
            new Conversation(state, scripts.pick(random)).start();
        }
        LockSupport.parkNanos(seconds * 1_000_000_000L);
        long stop = System.nanoTime();
        state.stopping = true;
        drain(state);
        return new PhaseRun(phase, start, stop, startMicros, state.started.get(), maxInFlight.get());
    }

    /** Waits until every conversation of the phase has its last reply or its last timeout. */
    private void drain(Phase state) throws InterruptedException {
        long limit = System.nanoTime() + replyTimeout.toNanos() + 5_000_000_000L;
        while (state.active.get() > 0 && System.nanoTime() < limit) {
            Thread.sleep(50);
        }
    }

    private static final class Phase {
        final String name;
        final AtomicInteger active = new AtomicInteger();
        final AtomicLong started = new AtomicLong();
        volatile boolean stopping;
        volatile Runnable onDone = () -> {
        };

        Phase(String name) {
            this.name = name;
        }
    }

    /** One customer's conversation: a little state machine driven by HTTP answers, replies and timeouts. */
    private final class Conversation {
        private final Phase phase;
        private final Script script;
        private final String customerId;
        private final String prefix;
        private volatile Gateway.Stream stream;
        private volatile ScheduledFuture<?> timeout;
        private volatile boolean finished;

        Conversation(Phase phase, Script script) {
            this.phase = phase;
            this.script = script;
            long number = conversationNumbers.incrementAndGet();
            this.customerId = runId + "-c" + number;
            this.prefix = runId + "-c" + number + "-t";
        }

        void start() {
            phase.active.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            send(0);
        }

        private void send(int index) {
            Script.Turn turn = script.turns().get(index);
            TurnRecord record = new TurnRecord(phase.name, script.name(), index, prefix + index, turn,
                    Clock.epochMicros(), System.nanoTime());
            registry.sent(record, answered -> onReply(index, answered));
            timeout = scheduler.schedule(() -> onTimeout(record), replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            gateway.post(channel, record.messageId, customerId, turn.text(), replyTimeout).whenComplete((accepted, e) -> {
                synchronized (record) {
                    record.acceptedNanos = System.nanoTime();
                    if (e != null) {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        record.error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                    } else {
                        record.httpStatus = accepted.status();
                        record.conversationId = accepted.conversationId();
                        if (accepted.status() != 202) {
                            record.error = "HTTP " + accepted.status();
                        }
                    }
                }
                if (record.error != null) {
                    registry.giveUp(record.messageId);
                    cancelTimeout();
                    finish();
                    return;
                }
                registry.conversation(accepted.conversationId(), phase.name);
                if (sse && stream == null && !finished) {
                    stream = gateway.follow(channel, accepted.conversationId(), this::line);
                }
            });
        }

        private void line(JsonNode line) {
            registry.reply(line.path("inReplyTo").asText(null), line.path("id").asText(),
                    line.path("sender").asText(), line.path("text").asText(), System.nanoTime(),
                    Clock.epochMicros());
        }

        private void onReply(int index, TurnRecord record) {
            cancelTimeout();
            if (index + 1 >= script.turns().size() || phase.stopping) {
                finish();
            } else if (thinkMillis > 0) {
                scheduler.schedule(() -> send(index + 1), thinkMillis, TimeUnit.MILLISECONDS);
            } else {
                scheduler.execute(() -> send(index + 1));
            }
        }

        private void onTimeout(TurnRecord record) {
            if (record.answered()) {
                return;
            }
            synchronized (record) {
                if (record.error == null) {
                    record.lost = true;
                }
            }
            registry.giveUp(record.messageId);
            finish();
        }

        private void cancelTimeout() {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }

        private synchronized void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (stream != null) {
                // let a late duplicate of the last reply still arrive before closing
                Gateway.Stream s = stream;
                scheduler.schedule(s::close, 500, TimeUnit.MILLISECONDS);
            }
            inFlight.decrementAndGet();
            phase.active.decrementAndGet();
            phase.onDone.run();
        }
    }
}
