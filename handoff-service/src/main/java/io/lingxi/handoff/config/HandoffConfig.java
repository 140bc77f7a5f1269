package io.lingxi.handoff.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lingxi.handoff")
public interface HandoffConfig {

    Outbox outbox();

    /** The transactional outbox's sweeper, which re-sends events that were committed but never acknowledged. */
    interface Outbox {

        /** How old an unsent row must be before the sweeper sends it (the consumer normally sends it at once). */
        @WithDefault("5s")
        Duration sweepAfter();

        /** How often the sweeper runs; read by the scheduler as {@code lingxi.handoff.outbox.sweep-every}. */
        @WithDefault("5s")
        Duration sweepEvery();

        /** At most this many rows per sweep. */
        @WithDefault("100")
        int sweepBatch();
    }
}
