package io.lingxi.analytics.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces customer and conversation ids by salted hashes: HMAC-SHA256 with a key of the tenant's own, derived
 * from one secret. The same id of the same tenant always gives the same hash, so analysts can count returning
 * customers; the same id of two tenants gives unrelated hashes.
 */
public final class IdHasher {

    private final byte[] secret;

    public IdHasher(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the hash secret must be at least 16 bytes long");
        }
        this.secret = secret.clone();
    }

    /** The hash of {@code id} for {@code tenantId}: 32 hex characters; null and blank ids give "". */
    public String hash(String tenantId, String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        byte[] tenantKey = hmac(secret, "tenant:" + tenantId);
        return HexFormat.of().formatHex(hmac(tenantKey, id), 0, 16);
    }

    private static byte[] hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
