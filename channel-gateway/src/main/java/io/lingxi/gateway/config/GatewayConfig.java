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

    /**
     * The AES-256 key (32 bytes, base64 or 64 hex digits) that encrypts channel secrets in the database; from the
     * environment ({@code LINGXI_GATEWAY_SECRETS_KEY}). Unset: secrets are stored in plaintext, with a warning.
     */
    Optional<String> secretsKey();

    /** Keys replaced by {@link #secretsKey()}: what they sealed still opens, and is sealed again at start. */
    Optional<java.util.List<String>> secretsPreviousKeys();

    Demo demo();

    RateLimits rateLimits();

    Delivery delivery();

    Wechat wechat();

    Web web();

    Streams streams();

    Replies replies();

    /** SSE streams and web chat connections. */
    interface Streams {

        /**
         * How often an open stream looks for new lines when no signal came: signals are in-process, so this poll
         * finds lines stored by another replica (and any signal missed).
         */
        @WithDefault("2s")
        Duration fallbackPoll();
    }

    /** The {@code cs.reply.v1} consumer. */
    interface Replies {

        /** Replies handled at the same time (different conversations; one conversation's replies stay in order). */
        @WithDefault("32")
        int concurrency();
    }

    /** The web chat widget. */
    interface Web {

        /** Signs visitor tokens; must be the same on every replica. Unset: a random secret per start. */
        Optional<String> visitorSecret();
    }

    /** The local demo tenant's web channel, created at start when a key is configured (never in production). */
    interface Demo {

        @WithDefault("demo")
        String tenant();

        @WithDefault("web")
        String channelId();

        /** The demo channel's API key; unset means no demo channel. */
        Optional<String> channelKey();
    }

    /** Defaults for channels that set no limits of their own; shared by all replicas. */
    interface RateLimits {

        /** Messages a channel may send per minute. */
        @WithDefault("600")
        int perChannelPerMinute();

        /** Messages one customer of a channel may send per minute. */
        @WithDefault("30")
        int perCustomerPerMinute();
    }

    /** Outbound delivery of replies by webhook and WeChat. */
    interface Delivery {

        /**
         * How often the dispatcher looks for due replies (retries, and replies stored by another replica); a reply
         * stored here wakes its channel's pipeline at once. Quarkus' scheduler runs nothing more often than 1 s.
         */
        @WithDefault("1s")
        Duration pollEvery();

        /** The wait before the second attempt; doubled each time, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration firstBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts before a reply is dead-lettered and reported FAILED. */
        @WithDefault("10")
        int maxAttempts();

        /** Time allowed for one HTTP call to a channel. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Wechat {

        /** WeChat's API base URL; a channel's credentials may override it. */
        @WithDefault("https://api.weixin.qq.com")
        String apiBaseUrl();

        /** Callbacks whose timestamp is further than this from now are refused (replays). */
        @WithDefault("5m")
        Duration maxClockSkew();
    }
}
