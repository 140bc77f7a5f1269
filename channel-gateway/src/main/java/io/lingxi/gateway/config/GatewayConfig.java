package io.lingxi.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "lingxi.gateway")
public interface GatewayConfig {

    /** How long an accepted message may stay unpublished before the republisher sends it again. */
    @WithDefault("5s")
    Duration republishAfter();

    /** How often the republisher looks for such messages. */
    @WithDefault("10s")
    Duration republishEvery();

    Demo demo();

    /** The local demo tenant's web channel, created at start when a key is configured (never in production). */
    interface Demo {

        @WithDefault("demo")
        String tenant();

        @WithDefault("web")
        String channelId();

        /** The demo channel's API key; unset means no demo channel. */
        Optional<String> channelKey();
    }
}
