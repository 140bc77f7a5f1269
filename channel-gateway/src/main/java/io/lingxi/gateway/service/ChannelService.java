package io.lingxi.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.gateway.api.ChannelRequest;
import io.lingxi.gateway.api.ChannelSecrets;
import io.lingxi.gateway.api.ChannelView;
import io.lingxi.gateway.api.Problem;
import io.lingxi.gateway.api.ProblemException;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.ChannelCredentials;
import io.lingxi.gateway.domain.ChannelType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Channels, their configuration and their API keys. */
@ApplicationScoped
public class ChannelService {

    private static final String BEARER = "Bearer ";
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{1,63}");
    private static final Duration DEFAULT_OVERLAP = Duration.ofDays(1);
    private static final Duration MAX_OVERLAP = Duration.ofDays(30);
    static final int MAX_RATE = 100_000;

    /** The columns whose values are sealed by {@link SecretCipher} (also its associated data). */
    public static final String WEBHOOK_SECRET = "webhook_secret";
    public static final String CREDENTIALS = "credentials";

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final SecretCipher cipher;
    private final Pool pool;

    public ChannelService(GatewayConfig config, ObjectMapper mapper, SecretCipher cipher, Pool pool) {
        this.config = config;
        this.mapper = mapper;
        this.cipher = cipher;
        this.pool = pool;
    }

    /**
     * The channel {@code channelId} if {@code authorization} carries its key (or its previous key within the
     * overlap window): 404 for an unknown or disabled channel, 401 for a missing or wrong key.
     */
    public Uni<Channel> authenticate(String channelId, String authorization) {
        return find(channelId).map(channel -> {
            if (channel == null || !channel.enabled) {
                throw ProblemException.notFound("There is no channel '" + channelId + "'.");
            }
            if (authorization == null || !authorization.startsWith(BEARER)) {
                throw ProblemException.unauthorized("Send the channel's API key as 'Authorization: Bearer <key>'.");
            }
            String key = authorization.substring(BEARER.length()).trim();
            boolean current = ApiKeys.matches(key, channel.keyHash);
            boolean previous = channel.previousKeyHash != null && channel.previousKeyValidUntil != null
                    && Instant.now().isBefore(channel.previousKeyValidUntil)
                    && ApiKeys.matches(key, channel.previousKeyHash);
            if (!current && !previous) {
                throw ProblemException.unauthorized("The API key is not valid for channel '" + channelId + "'.");
            }
            return channel;
        });
    }

    /** The channel, enabled or not, or null. */
    public Uni<Channel> find(String channelId) {
        return Panache.withSession(() -> Channel.<Channel>findById(channelId));
    }

    /** Creates the channel, or gives it a new key and re-enables it when it exists. */
    public Uni<Channel> register(String tenantId, String channelId, String type, String apiKey) {
        return Panache.withTransaction(() -> Channel.<Channel>findById(channelId).flatMap(existing -> {
            Channel channel = existing != null ? existing : new Channel();
            if (existing != null && !existing.tenantId.equals(tenantId)) {
                return Uni.createFrom().failure(new IllegalArgumentException(
                        "channel " + channelId + " belongs to another tenant"));
            }
            channel.id = channelId;
            channel.tenantId = tenantId;
            channel.type = type;
            channel.keyHash = ApiKeys.hash(apiKey);
            channel.enabled = true;
            channel.createdAt = existing != null ? existing.createdAt : Instant.now();
            return channel.persist();
        }));
    }

    // ---- administration, always within the caller's tenant ----

    public Uni<List<ChannelView>> list(String tenantId) {
        return Panache.withSession(() -> Channel.listTenant(tenantId)).map(rows -> rows.stream().map(this::view).toList());
    }

    public Uni<ChannelView> get(String tenantId, String channelId) {
        return Panache.withSession(() -> owned(tenantId, channelId)).map(this::view);
    }

    public Uni<ChannelSecrets> create(String tenantId, ChannelRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON body with id and type is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.id() == null || !CHANNEL_ID.matcher(request.id()).matches()) {
            errors.add(new Problem.FieldError("id", "must be 2-64 characters of a-z, 0-9, '-' and '_', starting "
                    + "with a letter or digit"));
        }
        ChannelType type = ChannelType.of(request.type());
        if (type == null) {
            errors.add(new Problem.FieldError("type", "must be one of " + ChannelType.codes()));
        }
        validateCommon(request, errors);
        ChannelCredentials credentials = ChannelCredentials.NONE.merge(request.credentials());
        if (type != null && type.isWechat()) {
            validateWechat(credentials, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String apiKey = ApiKeys.generate();
        String webhookSecret = ApiKeys.generateSecret();
        return Panache.withTransaction(() -> Channel.<Channel>findById(request.id()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("A channel '" + request.id() + "' exists already; choose another id.");
            }
            Channel channel = new Channel();
            channel.id = request.id();
            channel.tenantId = tenantId;
            channel.type = type.code();
            channel.name = blankToNull(request.name());
            channel.keyHash = ApiKeys.hash(apiKey);
            channel.enabled = true;
            channel.replyWebhookUrl = blankToNull(request.replyWebhookUrl());
            channel.webhookSecret = cipher.seal(channel.id, WEBHOOK_SECRET, webhookSecret);
            channel.credentials = cipher.seal(channel.id, CREDENTIALS, writeCredentials(credentials));
            applyRates(channel, request.rateLimits());
            applyOrigins(channel, request.allowedOrigins());
            channel.createdAt = Instant.now();
            channel.updatedAt = channel.createdAt;
            return channel.persist().replaceWith(channel);
        })).map(channel -> new ChannelSecrets(view(channel), apiKey, webhookSecret, null));
    }

    public Uni<ChannelView> configure(String tenantId, String channelId, ChannelRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.id() != null && !request.id().equals(channelId)) {
            errors.add(new Problem.FieldError("id", "a channel's id cannot change"));
        }
        if (request.type() != null) {
            errors.add(new Problem.FieldError("type", "a channel's type cannot change; create another channel"));
        }
        validateCommon(request, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return Panache.withTransaction(() -> owned(tenantId, channelId).map(channel -> {
            ChannelCredentials credentials = credentials(channel).merge(request.credentials());
            if (channel.channelType() != null && channel.channelType().isWechat()) {
                List<Problem.FieldError> wechat = new ArrayList<>();
                validateWechat(credentials, wechat);
                if (!wechat.isEmpty()) {
                    throw ProblemException.invalid(wechat);
                }
            }
            if (request.name() != null) {
                channel.name = blankToNull(request.name());
            }
            if (request.replyWebhookUrl() != null) {
                channel.replyWebhookUrl = blankToNull(request.replyWebhookUrl());
            }
            channel.credentials = cipher.seal(channel.id, CREDENTIALS, writeCredentials(credentials));
            applyRates(channel, request.rateLimits());
            applyOrigins(channel, request.allowedOrigins());
            channel.updatedAt = Instant.now();
            return channel;
        })).map(this::view);
    }

    public Uni<ChannelView> setEnabled(String tenantId, String channelId, boolean enabled) {
        return Panache.withTransaction(() -> owned(tenantId, channelId).map(channel -> {
            channel.enabled = enabled;
            channel.updatedAt = Instant.now();
            return channel;
        })).map(this::view);
    }

    /** A new API key; the old one keeps working for {@code overlapSeconds} (default one day). */
    public Uni<ChannelSecrets> rotateKey(String tenantId, String channelId, Long overlapSeconds) {
        Duration overlap = overlapSeconds == null ? DEFAULT_OVERLAP : Duration.ofSeconds(overlapSeconds);
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ProblemException.invalid("overlapSeconds", "must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        String apiKey = ApiKeys.generate();
        return Panache.withTransaction(() -> owned(tenantId, channelId).map(channel -> {
            channel.previousKeyHash = channel.keyHash;
            channel.previousKeyValidUntil = Instant.now().plus(overlap);
            channel.keyHash = ApiKeys.hash(apiKey);
            channel.updatedAt = Instant.now();
            return channel;
        })).map(channel -> new ChannelSecrets(view(channel), apiKey, null, channel.previousKeyValidUntil));
    }

    /** A new webhook signing secret, effective for the next delivery. */
    public Uni<ChannelSecrets> rotateWebhookSecret(String tenantId, String channelId) {
        String secret = ApiKeys.generateSecret();
        return Panache.withTransaction(() -> owned(tenantId, channelId).map(channel -> {
            channel.webhookSecret = cipher.seal(channel.id, WEBHOOK_SECRET, secret);
            channel.updatedAt = Instant.now();
            return channel;
        })).map(channel -> new ChannelSecrets(view(channel), null, secret, null));
    }

    /** The tenant's channel; another tenant's channel is reported as absent, never as forbidden. */
    private static Uni<Channel> owned(String tenantId, String channelId) {
        return Channel.<Channel>findById(channelId).map(channel -> {
            if (channel == null || !channel.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("There is no channel '" + channelId + "'.");
            }
            return channel;
        });
    }

    public ChannelCredentials credentials(Channel channel) {
        return credentials(channel.id, channel.credentials);
    }

    /** The channel's credentials from their stored (sealed or legacy plaintext) form. */
    public ChannelCredentials credentials(String channelId, String stored) {
        if (stored == null) {
            return ChannelCredentials.NONE;
        }
        try {
            return mapper.readValue(cipher.open(channelId, CREDENTIALS, stored), ChannelCredentials.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored credentials of channel " + channelId + " are not JSON");
        }
    }

    /** Per-minute limits in force for the channel. */
    public int channelRate(Channel channel) {
        return channel.rateChannelPerMinute != null ? channel.rateChannelPerMinute
                : config.rateLimits().perChannelPerMinute();
    }

    public int customerRate(Channel channel) {
        return channel.rateCustomerPerMinute != null ? channel.rateCustomerPerMinute
                : config.rateLimits().perCustomerPerMinute();
    }

    public ChannelView view(Channel channel) {
        ChannelCredentials c = credentials(channel);
        ChannelView.Credentials shown = c.equals(ChannelCredentials.NONE) ? null
                : new ChannelView.Credentials(c.appId(), c.appSecret() != null, c.token() != null,
                        c.encodingAesKey() != null, c.apiBaseUrl());
        String delivery = channel.replyWebhookUrl != null ? "webhook"
                : channel.channelType() != null && channel.channelType().isWechat() ? "wechat" : "pull";
        return new ChannelView(channel.id, channel.tenantId, channel.name, channel.type, channel.enabled,
                channel.replyWebhookUrl, delivery, shown,
                new ChannelRequest.RateLimits(channelRate(channel), customerRate(channel)),
                channel.allowedOriginList().isEmpty() ? null : channel.allowedOriginList(),
                channel.previousKeyValidUntil, channel.createdAt, channel.updatedAt);
    }

    private static void validateCommon(ChannelRequest request, List<Problem.FieldError> errors) {
        if (request.name() != null && request.name().length() > 128) {
            errors.add(new Problem.FieldError("name", "must be at most 128 characters"));
        }
        if (request.replyWebhookUrl() != null && !request.replyWebhookUrl().isEmpty()
                && !isHttpUrl(request.replyWebhookUrl())) {
            errors.add(new Problem.FieldError("replyWebhookUrl", "must be an absolute http or https URL of at most "
                    + "2048 characters"));
        }
        ChannelRequest.RateLimits rates = request.rateLimits();
        if (rates != null) {
            checkRate("rateLimits.perChannelPerMinute", rates.perChannelPerMinute(), errors);
            checkRate("rateLimits.perCustomerPerMinute", rates.perCustomerPerMinute(), errors);
        }
        if (request.allowedOrigins() != null) {
            if (request.allowedOrigins().size() > 20) {
                errors.add(new Problem.FieldError("allowedOrigins", "must list at most 20 origins"));
            }
            for (String origin : request.allowedOrigins()) {
                if (origin == null || !ORIGIN.matcher(origin).matches()) {
                    errors.add(new Problem.FieldError("allowedOrigins", "'" + origin + "' is not an origin such as "
                            + "https://shop.example.com (scheme, host and optional port; no path)"));
                }
            }
        }
        ChannelCredentials c = request.credentials();
        if (c != null) {
            checkLength("credentials.appId", c.appId(), 64, errors);
            checkLength("credentials.appSecret", c.appSecret(), 128, errors);
            checkLength("credentials.token", c.token(), 64, errors);
            if (c.encodingAesKey() != null && !c.encodingAesKey().matches("[A-Za-z0-9]{43}")) {
                errors.add(new Problem.FieldError("credentials.encodingAesKey", "must be 43 letters and digits"));
            }
            if (c.apiBaseUrl() != null && !isHttpUrl(c.apiBaseUrl())) {
                errors.add(new Problem.FieldError("credentials.apiBaseUrl", "must be an absolute http or https URL"));
            }
        }
    }

    private static void validateWechat(ChannelCredentials c, List<Problem.FieldError> errors) {
        if (c.appId() == null || c.appId().isBlank()) {
            errors.add(new Problem.FieldError("credentials.appId", "is required for WeChat channels"));
        }
        if (c.token() == null || c.token().isBlank()) {
            errors.add(new Problem.FieldError("credentials.token", "is required for WeChat channels (callback signatures)"));
        }
        if (c.appSecret() == null || c.appSecret().isBlank()) {
            errors.add(new Problem.FieldError("credentials.appSecret", "is required for WeChat channels (access tokens)"));
        }
    }

    private static void checkRate(String field, Integer value, List<Problem.FieldError> errors) {
        if (value != null && (value < 1 || value > MAX_RATE)) {
            errors.add(new Problem.FieldError(field, "must be between 1 and " + MAX_RATE));
        }
    }

    private static void checkLength(String field, String value, int max, List<Problem.FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static boolean isHttpUrl(String value) {
        if (value.length() > 2048) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void applyOrigins(Channel channel, List<String> origins) {
        if (origins != null) {
            channel.allowedOrigins = origins.isEmpty() ? null : String.join(" ", origins);
        }
    }

    private static void applyRates(Channel channel, ChannelRequest.RateLimits rates) {
        if (rates == null) {
            return;
        }
        if (rates.perChannelPerMinute() != null) {
            channel.rateChannelPerMinute = rates.perChannelPerMinute();
        }
        if (rates.perCustomerPerMinute() != null) {
            channel.rateCustomerPerMinute = rates.perCustomerPerMinute();
        }
    }

    private String writeCredentials(ChannelCredentials credentials) {
        if (credentials.equals(ChannelCredentials.NONE)) {
            return null;
        }
        try {
            return mapper.writeValueAsString(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The channel's webhook signing secret in clear, for signing. */
    public String webhookSecret(String channelId, String stored) {
        return cipher.open(channelId, WEBHOOK_SECRET, stored);
    }

    /**
     * Seals the secrets still stored in plaintext (rows from before encryption, or written without a key) or under a
     * previous key. Each row is rewritten only if it still holds the value read, so a rotation that happens
     * meanwhile wins; replicas starting together do the same work harmlessly. Answers how many values it sealed.
     */
    public Uni<Integer> sealStoredSecrets() {
        if (!cipher.enabled()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("SELECT id, webhook_secret, credentials FROM channel "
                        + "WHERE webhook_secret IS NOT NULL OR credentials IS NOT NULL").execute()
                .flatMap(rows -> {
                    List<Uni<Integer>> updates = new ArrayList<>();
                    for (Row row : rows) {
                        String id = row.getString("id");
                        for (String column : List.of(WEBHOOK_SECRET, CREDENTIALS)) {
                            String stored = row.getString(column);
                            if (cipher.needsSealing(stored)) {
                                String sealed = cipher.seal(id, column, cipher.open(id, column, stored));
                                updates.add(pool.preparedQuery("UPDATE channel SET " + column + " = $2 "
                                                + "WHERE id = $1 AND " + column + " = $3")
                                        .execute(Tuple.of(id, sealed, stored)).map(RowSet::rowCount));
                            }
                        }
                    }
                    return updates.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(updates).andFailFast()
                                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                });
    }

    void sealSecretsAtStart(@Observes @Priority(10) StartupEvent event) throws Throwable {
        int sealed = VertxContextSupport.subscribeAndAwait(this::sealStoredSecrets);
        if (sealed > 0) {
            Log.infof("Encrypted %d channel secret(s) that were stored in plaintext or under a previous key", sealed);
        }
    }

    void seedDemoChannel(@Observes StartupEvent event) throws Throwable {
        if (config.demo().channelKey().isEmpty()) {
            return;
        }
        GatewayConfig.Demo demo = config.demo();
        VertxContextSupport.subscribeAndAwait(
                () -> register(demo.tenant(), demo.channelId(), "web", demo.channelKey().get()));
        Log.infof("Demo channel '%s' of tenant '%s' is ready (development only)", demo.channelId(), demo.tenant());
    }
}
