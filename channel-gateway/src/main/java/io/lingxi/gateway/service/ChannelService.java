package io.lingxi.gateway.service;

import io.lingxi.gateway.api.ProblemException;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.domain.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/** Channels and their API keys. */
@ApplicationScoped
public class ChannelService {

    private static final String BEARER = "Bearer ";

    private final GatewayConfig config;

    public ChannelService(GatewayConfig config) {
        this.config = config;
    }

    /**
     * The channel {@code channelId} if {@code authorization} carries its key: 404 for an unknown or disabled
     * channel, 401 for a missing or wrong key.
     */
    public Uni<Channel> authenticate(String channelId, String authorization) {
        return Panache.withSession(() -> Channel.<Channel>findById(channelId)).map(channel -> {
            if (channel == null || !channel.enabled) {
                throw ProblemException.notFound("There is no channel '" + channelId + "'.");
            }
            if (authorization == null || !authorization.startsWith(BEARER)) {
                throw ProblemException.unauthorized("Send the channel's API key as 'Authorization: Bearer <key>'.");
            }
            if (!ApiKeys.matches(authorization.substring(BEARER.length()).trim(), channel.keyHash)) {
                throw ProblemException.unauthorized("The API key is not valid for channel '" + channelId + "'.");
            }
            return channel;
        });
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
