package io.lingxi.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.ChannelCredentials;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.service.InboundMessage;
import io.lingxi.gateway.service.InboundMessageService;
import io.lingxi.gateway.wechat.WechatCrypto;
import io.lingxi.gateway.wechat.WechatMessage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The callback URL of a WeChat official account (XML) or mini-program (JSON) channel: URL verification, and
 * customers' messages, each checked against the channel's Token (and decrypted in safe mode). Answers
 * "success" as soon as the message is stored; replies go out later through the customer-service API.
 */
@Path("/wechat/{channelId}")
@Tag(name = "WeChat callbacks")
public class WechatCallbackResource {

    private static final String SUCCESS = "success";

    private final ChannelService channels;
    private final InboundMessageService inbound;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public WechatCallbackResource(ChannelService channels, InboundMessageService inbound, ObjectMapper mapper,
            GatewayConfig config) {
        this.channels = channels;
        this.inbound = inbound;
        this.mapper = mapper;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeChat URL verification", description = "Answers echostr when the signature is the channel's.")
    public Uni<String> verify(@RestPath String channelId, @RestQuery String signature, @RestQuery String timestamp,
            @RestQuery String nonce, @RestQuery String echostr) {
        return wechatChannel(channelId).map(channel -> {
            ChannelCredentials credentials = channels.credentials(channel);
            checkSignature(credentials, signature, timestamp, nonce);
            if (echostr == null) {
                throw ProblemException.invalid("echostr", "must be given");
            }
            return echostr;
        });
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeChat message callback", description = "Plaintext or safe mode (encrypt_type=aes).")
    public Uni<String> receive(@RestPath String channelId, @RestQuery String signature, @RestQuery String timestamp,
            @RestQuery String nonce, @RestQuery("encrypt_type") String encryptType,
            @RestQuery("msg_signature") String msgSignature, String body) {
        return wechatChannel(channelId).flatMap(channel -> {
            ChannelCredentials credentials = channels.credentials(channel);
            checkSignature(credentials, signature, timestamp, nonce);
            checkFreshness(timestamp);
            WechatMessage message = parse(channel, body);
            if ("aes".equalsIgnoreCase(encryptType) || (message.encrypt() != null && message.msgType() == null)) {
                message = decrypt(channel, credentials, message, timestamp, nonce, msgSignature);
            }
            if (message.fromUser() == null || message.fromUser().isBlank() || message.msgType() == null) {
                throw ProblemException.invalid("FromUserName", "the message names no sender or type");
            }
            InboundMessage inboundMessage = toInbound(message);
            return inbound.accept(channel, inboundMessage)
                    .replaceWith(SUCCESS)
                    // stored but not yet published: the republisher sends it; WeChat must not retry
                    .onFailure(e -> e instanceof ProblemException p && p.status() == 503).recoverWithItem(SUCCESS);
        });
    }

    private Uni<Channel> wechatChannel(String channelId) {
        return channels.find(channelId).map(channel -> {
            if (channel == null || !channel.enabled || channel.channelType() == null || !channel.channelType().isWechat()) {
                throw ProblemException.notFound("There is no WeChat channel '" + channelId + "'.");
            }
            return channel;
        });
    }

    private static void checkSignature(ChannelCredentials credentials, String signature, String timestamp,
            String nonce) {
        if (credentials.token() == null || timestamp == null || nonce == null
                || !WechatCrypto.matches(WechatCrypto.signature(credentials.token(), timestamp, nonce), signature)) {
            throw ProblemException.forbidden("The WeChat signature does not match the channel's Token.");
        }
    }

    private void checkFreshness(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("timestamp", "must be Unix seconds");
        }
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > config.wechat().maxClockSkew().toSeconds()) {
            throw ProblemException.forbidden("The callback's timestamp is outside the replay window.");
        }
    }

    private WechatMessage parse(Channel channel, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("body", "must be the WeChat message");
        }
        try {
            return channel.channelType() == ChannelType.WECHAT_MP && body.trim().startsWith("{")
                    ? WechatMessage.fromJson(mapper, body) : WechatMessage.fromXml(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("body", e.getMessage());
        }
    }

    private WechatMessage decrypt(Channel channel, ChannelCredentials credentials, WechatMessage envelope,
            String timestamp, String nonce, String msgSignature) {
        if (credentials.encodingAesKey() == null) {
            throw ProblemException.invalid("encrypt_type", "the channel has no EncodingAESKey for safe mode");
        }
        if (envelope.encrypt() == null || !WechatCrypto.matches(
                WechatCrypto.signature(credentials.token(), timestamp, nonce, envelope.encrypt()), msgSignature)) {
            throw ProblemException.forbidden("The WeChat msg_signature does not match.");
        }
        try {
            String plain = WechatCrypto.decrypt(credentials.encodingAesKey(), credentials.appId(), envelope.encrypt());
            return parse(channel, plain);
        } catch (IllegalArgumentException e) {
            Log.warnf("WeChat message for channel %s does not decrypt: %s", channel.id, e.getMessage());
            throw ProblemException.forbidden("The WeChat message does not decrypt with the channel's key.");
        }
    }

    /** Text and images go to the bot; entering a session or subscribing is recorded as session_opened. */
    private static InboundMessage toInbound(WechatMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        String type = message.msgType();
        if ("text".equals(type)) {
            String text = message.content() == null ? "" : message.content().strip();
            if (text.isEmpty()) {
                throw ProblemException.invalid("Content", "must not be empty");
            }
            if (text.length() > PostMessageRequest.MAX_TEXT_LENGTH) {
                text = text.substring(0, PostMessageRequest.MAX_TEXT_LENGTH);
            }
            return new InboundMessage(message.dedupeId(), message.fromUser(), "text", text, payload, true, null);
        }
        if ("image".equals(type)) {
            payload.put("url", message.picUrl());
            payload.put("mediaId", message.mediaId());
            return new InboundMessage(message.dedupeId(), message.fromUser(), "image", "[图片]", payload, true, null);
        }
        if ("event".equals(type)) {
            String event = message.event() == null ? "unknown" : message.event();
            boolean opened = "subscribe".equals(event) || "user_enter_tempsession".equals(event);
            payload.put("event", opened ? "session_opened" : event);
            payload.put("wechatEvent", event);
            return new InboundMessage(message.dedupeId(), message.fromUser(), "event",
                    opened ? "[会话开始]" : "[事件] " + event, payload, false, null);
        }
        payload.put("wechatType", type);
        return new InboundMessage(message.dedupeId(), message.fromUser(), "event", "[不支持的消息] " + type, payload,
                false, null);
    }
}
