package io.lingxi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lingxi.gateway.wechat.WechatCrypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** WeChat's signature and safe-mode encryption, against WeChat's published example and vectors made here. */
class WechatCryptoTest {

    // WeChat's published example (the official account encryption sample's test)
    static final String EXAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String EXAMPLE_APP_ID = "wxb11529c136998cb6";
    static final String EXAMPLE_RANDOM = "aaaabbbbccccdddd";
    static final String EXAMPLE_MESSAGE = "我是中文abcd123";
    static final String EXAMPLE_CIPHERTEXT =
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    @Test
    void encryptsWechatsPublishedExampleToItsPublishedCiphertextAndBack() {
        assertThat(WechatCrypto.encrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, EXAMPLE_MESSAGE,
                EXAMPLE_RANDOM.getBytes(StandardCharsets.US_ASCII))).isEqualTo(EXAMPLE_CIPHERTEXT);
        assertThat(WechatCrypto.decrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, EXAMPLE_CIPHERTEXT)).isEqualTo(EXAMPLE_MESSAGE);
    }

    @Test
    void signaturesAreSha1OfTheSortedParts() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest("1409304348pamtestxxxxxx".getBytes(StandardCharsets.UTF_8)));
        assertThat(WechatCrypto.signature("pamtest", "1409304348", "xxxxxx")).isEqualTo(expected);
        String[] parts = {"pamtest", "1409304348", "xxxxxx", EXAMPLE_CIPHERTEXT};
        Arrays.sort(parts);
        String withCiphertext = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        assertThat(WechatCrypto.signature("pamtest", "1409304348", "xxxxxx", EXAMPLE_CIPHERTEXT)).isEqualTo(withCiphertext);
        assertThat(WechatCrypto.matches(expected, expected.toUpperCase())).isTrue();
        assertThat(WechatCrypto.matches(expected, "0" + expected.substring(1))).isFalse();
        assertThat(WechatCrypto.matches(expected, null)).isFalse();
    }

    @Test
    void whatWeEncryptDecryptsWithAPlainAesImplementation() throws Exception {
        String key = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        String message = "<xml><Content><![CDATA[你好，我想查订单]]></Content></xml>";
        String encrypted = WechatCrypto.encrypt(key, "wxapp", message);

        byte[] aes = Base64.getDecoder().decode(key + "=");
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"), new IvParameterSpec(Arrays.copyOf(aes, 16)));
        byte[] plain = cipher.doFinal(Base64.getDecoder().decode(encrypted));
        assertThat(plain.length % 32).isZero();
        int pad = plain[plain.length - 1];
        assertThat(pad).isBetween(1, 32);
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        assertThat(new String(plain, 20, length, StandardCharsets.UTF_8)).isEqualTo(message);
        assertThat(new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8))
                .isEqualTo("wxapp");
        assertThat(WechatCrypto.decrypt(key, "wxapp", encrypted)).isEqualTo(message);
        // two encryptions of one message differ (random prefix)
        assertThat(WechatCrypto.encrypt(key, "wxapp", message)).isNotEqualTo(encrypted);
    }

    @Test
    void refusesTamperedCiphertextAndAnotherAppsMessages() {
        String encrypted = WechatCrypto.encrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, "hello");
        assertThatThrownBy(() -> WechatCrypto.decrypt(EXAMPLE_KEY, "wx-other", encrypted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AppID");
        // a changed last block decrypts to noise; its last byte alone passes for padding about once in 256, so
        // many messages are tampered with, and every one must be refused
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = Base64.getDecoder().decode(WechatCrypto.encrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, "hello"));
            bytes[bytes.length - 1] ^= 0x55;
            String tampered = Base64.getEncoder().encodeToString(bytes);
            assertThatThrownBy(() -> WechatCrypto.decrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, tampered))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WechatCrypto.decrypt(EXAMPLE_KEY, EXAMPLE_APP_ID, "not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
