package io.lingxi.gateway.service;

import io.lingxi.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts channel secrets at rest (webhook signing secrets, WeChat AppSecret/Token/EncodingAESKey) with
 * AES-256-GCM under the key {@code lingxi.gateway.secrets-key}. A sealed value reads
 * {@code enc:v1:<key id>:<base64(12-byte nonce + ciphertext + tag)>}; the channel id and the column are bound in
 * as associated data, so a sealed value copied to another channel or column does not open. Values without the
 * prefix are plaintext from before encryption (or from a gateway run without a key): they are read as they are
 * and sealed at the next start with a key. Previous keys ({@code secrets-previous-keys}) still open what they
 * sealed, which is then sealed again under the current key. Secret values never appear in logs or errors.
 */
@ApplicationScoped
public class SecretCipher {

    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey current;
    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    @Inject
    public SecretCipher(GatewayConfig config) {
        this(config.secretsKey(), config.secretsPreviousKeys().orElse(List.of()));
    }

    SecretCipher(Optional<String> key, List<String> previousKeys) {
        for (String previous : previousKeys) {
            SecretKey parsed = parse(previous, "lingxi.gateway.secrets-previous-keys");
            keys.put(keyId(parsed), parsed);
        }
        current = key.filter(k -> !k.isBlank()).map(k -> parse(k, "lingxi.gateway.secrets-key")).orElse(null);
        currentId = current == null ? null : keyId(current);
        if (current != null) {
            keys.put(currentId, current);
        } else {
            Log.warn("lingxi.gateway.secrets-key is not set: channel secrets (webhook signing secrets, WeChat "
                    + "credentials) are stored in plaintext. Set it (env LINGXI_GATEWAY_SECRETS_KEY, 32 random bytes "
                    + "in base64) in every environment but a throwaway one.");
        }
    }

    /** Whether secrets are sealed when written. */
    public boolean enabled() {
        return current != null;
    }

    /** {@code plain} sealed for the channel's column; unchanged (plaintext) when no key is configured. */
    public String seal(String channelId, String column, String plain) {
        if (plain == null || current == null) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(channelId, column));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret of channel " + channelId);
        }
    }

    /** The plaintext of a stored value (sealed or legacy plaintext); fails, naming no secret, when it does not open. */
    public String open(String channelId, String column, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(rest.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("the " + column + " value of channel " + channelId + " is encrypted with a key "
                    + "this gateway does not have: set lingxi.gateway.secrets-key (or secrets-previous-keys)");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad(channelId, column));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the " + column + " value of channel " + channelId + " does not decrypt "
                    + "(altered, or moved from another channel)");
        }
    }

    /** Whether a stored value should be written again: plaintext, or sealed under a key that is not the current one. */
    public boolean needsSealing(String stored) {
        return current != null && stored != null && !stored.startsWith(PREFIX + currentId + ":");
    }

    private static byte[] aad(String channelId, String column) {
        return ("lingxi-channel-secret/" + channelId + "/" + column).getBytes(StandardCharsets.UTF_8);
    }

    /** 32 bytes as base64 (standard or URL-safe) or as 64 hex digits. */
    static SecretKey parse(String value, String name) {
        String trimmed = value.trim();
        byte[] bytes;
        try {
            if (trimmed.matches("[0-9a-fA-F]{64}")) {
                bytes = HexFormat.of().parseHex(trimmed);
            } else {
                bytes = trimmed.contains("-") || trimmed.contains("_") ? Base64.getUrlDecoder().decode(trimmed)
                        : Base64.getDecoder().decode(trimmed);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is neither base64 nor hex");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
