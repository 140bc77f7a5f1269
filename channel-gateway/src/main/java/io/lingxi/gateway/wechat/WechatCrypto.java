package io.lingxi.gateway.wechat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's callback security: the SHA-1 signature over the sorted token, timestamp, nonce (and, in safe mode,
 * the ciphertext), and safe mode's AES-256-CBC encryption. The AES key is Base64(EncodingAESKey + "="), the IV
 * its first 16 bytes; the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message
 * and the AppID, padded PKCS#7-style to a multiple of 32 bytes.
 */
public final class WechatCrypto {

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WechatCrypto() {
    }

    /** hex(SHA-1(sorted parts joined)): {@code signature} with (token, timestamp, nonce), {@code msg_signature} with the ciphertext too. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares signatures in constant time. */
    public static boolean matches(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] aesKey(String encodingAesKey) {
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        if (key.length != 32) {
            throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
        }
        return key;
    }

    public static String encrypt(String encodingAesKey, String appId, String message) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(encodingAesKey, appId, message, random);
    }

    /** Encrypts with the given 16-byte random prefix (tests pass WeChat's example prefix). */
    public static String encrypt(String encodingAesKey, String appId, String message, byte[] random) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(random);
        plain.writeBytes(ByteBuffer.allocate(4).putInt(text.length).array());
        plain.writeBytes(text);
        plain.writeBytes(appId.getBytes(StandardCharsets.UTF_8));
        int pad = BLOCK - plain.size() % BLOCK;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, encodingAesKey, plain.toByteArray()));
    }

    /**
     * The message inside {@code encrypted}.
     *
     * @throws IllegalArgumentException when it does not decrypt, is malformed, or was made for another AppID
     */
    public static String decrypt(String encodingAesKey, String appId, String encrypted) {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, encodingAesKey, Base64.getDecoder().decode(encrypted));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the message does not decrypt", e);
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
            throw new IllegalArgumentException("the decrypted message is malformed");
        }
        // every padding byte, not just the last: a tampered last block decrypts to noise whose last byte alone
        // passes for padding about once in 256 tries
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new IllegalArgumentException("the decrypted message is malformed");
            }
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        int end = plain.length - pad;
        if (length < 0 || 20 + length > end) {
            throw new IllegalArgumentException("the decrypted message is malformed");
        }
        String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(appId)) {
            throw new IllegalArgumentException("the message was encrypted for another AppID");
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    private static byte[] cipher(int mode, String encodingAesKey, byte[] input) {
        byte[] key = aesKey(encodingAesKey);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed", e);
        }
    }
}
