package io.lingxi.gateway.web;

import io.lingxi.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for anonymous web-chat visitors: {@code <visitorId>.<expiry>.<HMAC-SHA256 over channel, visitor
 * and expiry>}. Whoever holds the token is that visitor of that channel until it expires; nothing is stored.
 */
@ApplicationScoped
public class VisitorTokens {

    static final Duration LIFETIME = Duration.ofDays(30);

    /** A visitor and its token. */
    public record Visitor(String visitorId, String token, Instant expiresAt) {
    }

    private final byte[] secret;

    public VisitorTokens(GatewayConfig config) {
        if (config.web().visitorSecret().isPresent()) {
            secret = config.web().visitorSecret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Log.warn("lingxi.gateway.web.visitor-secret is not set: visitor tokens are valid only until this gateway "
                    + "restarts and only on this replica");
        }
    }

    public Visitor issue(String channelId) {
        String visitorId = "v-" + UUID.randomUUID().toString().replace("-", "");
        Instant expiresAt = Instant.now().plus(LIFETIME);
        String token = visitorId + "." + expiresAt.getEpochSecond() + "." + sign(channelId, visitorId,
                expiresAt.getEpochSecond());
        return new Visitor(visitorId, token, expiresAt);
    }

    /** The visitor id in {@code token} when it is valid for {@code channelId}, else null. */
    public String verify(String channelId, String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Instant.now().getEpochSecond() > expiry) {
            return null;
        }
        boolean valid = MessageDigest.isEqual(sign(channelId, parts[0], expiry).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return valid ? parts[0] : null;
    }

    private String sign(String channelId, String visitorId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((channelId + "\n" + visitorId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
