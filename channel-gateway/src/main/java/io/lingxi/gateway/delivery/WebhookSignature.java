package io.lingxi.gateway.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an outbound webhook: {@code v1=} + hex(HMAC-SHA256(secret, timestamp + "." + body)), with
 * the timestamp (Unix seconds) sent beside it so the receiver can refuse replays outside its window.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Lingxi-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Lingxi-Signature";
    public static final String DELIVERY_HEADER = "X-Lingxi-Delivery-Id";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
