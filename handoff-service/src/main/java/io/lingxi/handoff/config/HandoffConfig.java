package io.lingxi.handoff.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "lingxi.handoff")
public interface HandoffConfig {

    Outbox outbox();

    Routing routing();

    Auth auth();

    /** Base URL of knowledge-service, whose search gives the agent's suggested answers. */
    @WithDefault("http://127.0.0.1:8083")
    String knowledgeUrl();

    /** How long the agent's suggestions may take before an empty list is returned. */
    @WithDefault("1500ms")
    Duration knowledgeTimeout();

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

    /** How waiting conversations reach agents. */
    interface Routing {

        /** {@code auto}: assign at once; {@code offer}: offer to one agent, who accepts or lets it time out. */
        @WithDefault("auto")
        String mode();

        /** Per-tenant override of {@link #mode()}: {@code lingxi.handoff.routing.tenant-mode."acme"=offer}. */
        Map<String, String> tenantMode();

        /** How long an offer waits for the agent before it moves on to the next agent. */
        @WithDefault("30s")
        Duration offerTimeout();

        /** How long an agent may be offline or disconnected before their conversations are re-queued. */
        @WithDefault("60s")
        Duration gracePeriod();

        /** Average time an agent needs per conversation, for the customer's estimated wait. */
        @WithDefault("4m")
        Duration averageHandleTime();

        /** How often offers are expired, absent agents' conversations re-queued and queues re-routed. */
        @WithDefault("2s")
        Duration sweepEvery();

        default boolean offers(String tenantId) {
            return "offer".equalsIgnoreCase(tenantMode().getOrDefault(tenantId, mode()));
        }
    }

    /** Agent login. */
    interface Auth {

        /** Lifetime of an agent's access token. */
        @WithDefault("12h")
        Duration tokenLifetime();

        /** PBKDF2 iterations for new password hashes. */
        @WithDefault("210000")
        int passwordIterations();
    }
}
