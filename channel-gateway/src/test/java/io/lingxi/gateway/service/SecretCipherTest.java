package io.lingxi.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final String key = newKey();
    private final SecretCipher cipher = new SecretCipher(Optional.of(key), List.of());

    @Test
    void sealedSecretsOpenOnlyForTheirChannelAndColumn() {
        String sealed = cipher.seal("shop-oa", "credentials", "{\"appSecret\":\"s3cr3t-值\"}");
        assertThat(sealed).startsWith("enc:v1:").doesNotContain("s3cr3t");
        assertThat(cipher.seal("shop-oa", "credentials", "{\"appSecret\":\"s3cr3t-值\"}"))
                .as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(cipher.open("shop-oa", "credentials", sealed)).isEqualTo("{\"appSecret\":\"s3cr3t-值\"}");
        assertThatThrownBy(() -> cipher.open("other-channel", "credentials", sealed))
                .hasMessageContaining("does not decrypt").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> cipher.open("shop-oa", "webhook_secret", sealed)).hasMessageContaining("does not decrypt");
    }

    @Test
    void anAlteredValueIsRefused() {
        String sealed = cipher.seal("c1", "webhook_secret", "whsec_abc");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String altered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.open("c1", "webhook_secret", altered)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.open("c1", "webhook_secret", "enc:v1:garbage"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plaintextFromBeforeIsReadAndMarkedForSealing() {
        assertThat(cipher.open("c1", "webhook_secret", "whsec_legacy")).isEqualTo("whsec_legacy");
        assertThat(cipher.needsSealing("whsec_legacy")).isTrue();
        assertThat(cipher.needsSealing(cipher.seal("c1", "webhook_secret", "x"))).isFalse();
        assertThat(cipher.needsSealing(null)).isFalse();
    }

    @Test
    void withoutAKeyValuesStayPlaintextAndSealedOnesCannotBeRead() {
        SecretCipher none = new SecretCipher(Optional.empty(), List.of());
        assertThat(none.enabled()).isFalse();
        assertThat(none.seal("c1", "webhook_secret", "whsec_x")).isEqualTo("whsec_x");
        assertThat(none.needsSealing("whsec_x")).isFalse();
        String sealed = cipher.seal("c1", "webhook_secret", "whsec_x");
        assertThatThrownBy(() -> none.open("c1", "webhook_secret", sealed)).hasMessageContaining("secrets-key");
    }

    @Test
    void aRotatedKeyStillOpensWhatThePreviousKeySealedAndAsksForResealing() {
        String sealedBefore = cipher.seal("c1", "webhook_secret", "whsec_old");
        SecretCipher rotated = new SecretCipher(Optional.of(newKey()), List.of(key));
        assertThat(rotated.open("c1", "webhook_secret", sealedBefore)).isEqualTo("whsec_old");
        assertThat(rotated.needsSealing(sealedBefore)).isTrue();
        SecretCipher forgotten = new SecretCipher(Optional.of(newKey()), List.of());
        assertThatThrownBy(() -> forgotten.open("c1", "webhook_secret", sealedBefore))
                .hasMessageContaining("key this gateway does not have");
    }

    @Test
    void keysMustBe32BytesInBase64OrHex() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretCipher hex = new SecretCipher(Optional.of(HexFormat.of().formatHex(raw)), List.of());
        SecretCipher base64 = new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(raw)), List.of());
        assertThat(base64.open("c", "credentials", hex.seal("c", "credentials", "same key"))).isEqualTo("same key");
        assertThatThrownBy(() -> new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(new byte[16])),
                List.of())).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher(Optional.of("not*a*key"), List.of()))
                .hasMessageContaining("neither base64 nor hex");
    }
}
