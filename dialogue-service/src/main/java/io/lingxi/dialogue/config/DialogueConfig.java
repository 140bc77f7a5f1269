package io.lingxi.dialogue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "lingxi.dialogue")
public interface DialogueConfig {

    /** Values connector definitions refer to as {@code ${config:name}}: base URLs, API keys from secrets. */
    Map<String, String> connectorValues();

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
}
