package io.lingxi.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.domain.SpeechText;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pushes a reply to the channel's webhook URL as signed JSON; any 2xx answer means delivered. */
@ApplicationScoped
public class WebhookTransport {

    private final WebClient client;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public WebhookTransport(Vertx vertx, ObjectMapper mapper, GatewayConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.delivery().timeout().toMillis())
                .setUserAgent("Lingxi-Gateway/1"));
        this.mapper = mapper;
        this.config = config;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Attempt> send(ChannelTarget target, Outgoing reply) {
        String body = body(reply);
        long timestamp = Instant.now().getEpochSecond();
        return client.postAbs(target.webhookUrl())
                .timeout(config.delivery().timeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.webhookSecret(), timestamp, body))
                .putHeader(WebhookSignature.DELIVERY_HEADER, reply.replyId())
                .putHeader("X-Lingxi-Channel", target.channelId())
                .sendBuffer(Buffer.buffer(body))
                .map(response -> response.statusCode() / 100 == 2 ? Attempt.delivered()
                        : Attempt.retry("webhook answered HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(e -> Attempt.retry("webhook unreachable: " + e.getMessage()));
    }

    /** The JSON an integrator receives; documented in docs/channels.md. */
    String body(Outgoing reply) {
        if (reply.transfer()) {
            return transferBody(reply);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "reply");
        body.put("deliveryId", reply.replyId());
        body.put("channelId", reply.channelId());
        body.put("conversationId", reply.conversationId());
        body.put("customerId", reply.customerId());
        body.put("replyId", reply.replyId());
        if (reply.inReplyTo() != null) {
            body.put("inReplyTo", reply.inReplyTo());
        }
        body.put("sender", reply.sender() == null ? null : reply.sender().toLowerCase(Locale.ROOT));
        if (reply.agentId() != null) {
            body.put("agentId", reply.agentId());
        }
        body.put("language", reply.language());
        body.put("text", reply.text());
        if (reply.channelType() == ChannelType.PHONE) {
            body.put("speech", SpeechText.shape(reply.text(), reply.quickReplies(), reply.language()));
        } else {
            body.put("quickReplies", reply.quickReplies());
        }
        body.put("createdAt", reply.createdAt() == null ? null : reply.createdAt().toString());
        return json(body);
    }

    /** A phone channel's instruction to transfer the call to a human; documented in docs/channels.md. */
    private String transferBody(Outgoing reply) {
        JsonNode payload;
        try {
            payload = mapper.readTree(reply.payload() == null ? "{}" : reply.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored transfer is not JSON", e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "transfer");
        body.put("deliveryId", reply.replyId());
        body.put("channelId", reply.channelId());
        body.put("conversationId", reply.conversationId());
        body.put("customerId", reply.customerId());
        body.put("status", payload.path("status").asText(null));
        body.put("callId", payload.path("callId").asText(null));
        body.put("skillGroup", payload.path("skillGroup").asText(null));
        if (payload.hasNonNull("agentId")) {
            body.put("agentId", payload.path("agentId").asText());
        }
        if (payload.hasNonNull("queuePosition")) {
            body.put("queuePosition", payload.path("queuePosition").asInt());
        }
        body.put("language", reply.language());
        body.put("text", reply.text());
        body.put("speech", SpeechText.shape(reply.text(), List.of(), reply.language()));
        body.put("createdAt", reply.createdAt() == null ? null : reply.createdAt().toString());
        return json(body);
    }

    private String json(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
