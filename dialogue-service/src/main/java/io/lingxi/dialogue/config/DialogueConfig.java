package io.lingxi.dialogue.config;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "lingxi.dialogue")
public interface DialogueConfig {

    /** Values connector definitions refer to as {@code ${config:name}}: base URLs, API keys from secrets. */
    Map<String, String> connectorValues();

    /**
     * AES key (Base64, 16/24/32 bytes) that encrypts the connector secrets stored over REST. Without it, connectors
     * cannot be given a secret. Production: from the environment / a Kubernetes Secret.
     */
    Optional<String> connectorSecretKey();

    /**
     * Records each consumer (understood messages, knowledge answers, handoff events) handles at the same time:
     * different conversations run concurrently, one conversation's records of one topic one after the other.
     */
    @WithDefault("32")
    int consumerConcurrency();

    /** Unanswered turns in a row after which the bot hands over to a human. */
    @WithDefault("2")
    int maxFallbacks();

    /** Idle time after which a conversation with the bot is closed and the survey sent. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** How often idle conversations are looked for. */
    @WithDefault("60s")
    Duration idleCheckEvery();

    /** Per-tenant idle timeouts that differ from {@link #idleTimeout()}. */
    Map<String, Duration> idleTimeouts();

    /** Proactive messages one customer may receive per day. */
    @WithDefault("3")
    int proactivePerCustomerPerDay();

    /** How long a tenant's flows are cached before the database is asked again. */
    @WithDefault("30s")
    Duration flowCacheTtl();

    /** How VIP customers (the channel's customer profile has a VIP level) are served. */
    Vip vip();

    interface Vip {

        /** When a VIP goes to a human: {@code off}, {@code fallback} (first unanswered turn), {@code immediate}. */
        @WithDefault("fallback")
        VipHandoff handoff();

        /** Per-tenant {@link #handoff()} that differs from the default. */
        Map<String, VipHandoff> tenants();

        /** The least priority a VIP's handoff gets, whatever triggered it. */
        @WithDefault("HIGH")
        Priority priority();

        /** The skill group VIP handoffs go to; absent: the group the trigger names. */
        Optional<String> skillGroup();

        default VipHandoff handoffFor(String tenantId) {
            return tenants().getOrDefault(tenantId, handoff());
        }
    }

    /** When the VIP trigger hands a VIP customer to a human. */
    enum VipHandoff {
        /** VIPs are served like everyone else (their handoffs still get the VIP priority). */
        OFF,
        /** At the first turn the bot cannot answer, instead of after {@code max-fallbacks}. */
        FALLBACK,
        /** At the VIP's first message to the bot. */
        IMMEDIATE
    }
}
