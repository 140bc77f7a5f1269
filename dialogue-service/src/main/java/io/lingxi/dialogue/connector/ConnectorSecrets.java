package io.lingxi.dialogue.connector;

import io.lingxi.dialogue.config.DialogueConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the connector secrets an admin stores over REST (AES-GCM, key from
 * {@code lingxi.dialogue.connector-secret-key}), so the database never holds them in clear.
 */
@ApplicationScoped
public class ConnectorSecrets {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKeySpec> key;
    private final SecureRandom random = new SecureRandom();

    public ConnectorSecrets(DialogueConfig config) {
        this.key = config.connectorSecretKey().filter(k -> !k.isBlank()).map(ConnectorSecrets::key);
    }

    /** The key as 32, 48 or 64 hex digits (what the local run makes) or as Base64. */
    private static SecretKeySpec key(String text) {
        String value = text.strip();
        byte[] bytes;
        try {
            bytes = value.matches("(?i)[0-9a-f]{32}|[0-9a-f]{48}|[0-9a-f]{64}") ? HexFormat.of().parseHex(value)
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException(
                    "lingxi.dialogue.connector-secret-key must be 16, 24 or 32 bytes, as hex digits or Base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Whether secrets can be stored at all (a key is configured). */
    public boolean available() {
        return key.isPresent();
    }

    public String encrypt(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a connector secret", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX) || key.isEmpty()) {
            throw new IllegalStateException("a connector secret cannot be decrypted (no key, or not written by Lingxi)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a connector secret cannot be decrypted with the configured key", e);
        }
    }
}
