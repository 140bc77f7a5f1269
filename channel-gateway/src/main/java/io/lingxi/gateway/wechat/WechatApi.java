package io.lingxi.gateway.wechat;

import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.delivery.ChannelTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** WeChat's HTTP API, at the channel's configured base URL (the gateway's default otherwise). */
@ApplicationScoped
public class WechatApi {

    private final WebClient client;
    private final GatewayConfig config;

    public WechatApi(Vertx vertx, GatewayConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.delivery().timeout().toMillis()));
        this.config = config;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** {@code GET /cgi-bin/token}: {"access_token", "expires_in"} or {"errcode", "errmsg"}. */
    public Uni<JsonObject> token(ChannelTarget channel) {
        return client.getAbs(base(channel) + "/cgi-bin/token")
                .addQueryParam("grant_type", "client_credential")
                .addQueryParam("appid", channel.credentials().appId())
                .addQueryParam("secret", channel.credentials().appSecret())
                .timeout(config.delivery().timeout().toMillis())
                .send()
                .map(response -> response.bodyAsJsonObject());
    }

    /** {@code POST /cgi-bin/message/custom/send}: {"errcode", "errmsg"}. */
    public Uni<JsonObject> sendCustomerServiceMessage(ChannelTarget channel, String accessToken, JsonObject message) {
        return client.postAbs(base(channel) + "/cgi-bin/message/custom/send")
                .addQueryParam("access_token", accessToken)
                .timeout(config.delivery().timeout().toMillis())
                .sendJsonObject(message)
                .map(response -> {
                    JsonObject body = response.bodyAsJsonObject();
                    return body == null ? new JsonObject().put("errcode", -1).put("errmsg", "HTTP " + response.statusCode())
                            : body;
                });
    }

    private String base(ChannelTarget channel) {
        String base = channel.credentials().apiBaseUrl() != null ? channel.credentials().apiBaseUrl()
                : config.wechat().apiBaseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
