package io.lingxi.analytics.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdHasherTest {

    private final IdHasher hasher = new IdHasher("a-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));

    @Test
    void theSameIdOfTheSameTenantAlwaysGivesTheSameHash() {
        String hash = hasher.hash("acme", "13800138000");

        assertThat(hash).hasSize(32).matches("[0-9a-f]+").doesNotContain("13800138000");
        assertThat(new IdHasher("a-secret-of-enough-length".getBytes(StandardCharsets.UTF_8)).hash("acme", "13800138000"))
                .isEqualTo(hash);
    }

    @Test
    void tenantsAndSecretsGiveUnrelatedHashes() {
        String hash = hasher.hash("acme", "customer-1");

        assertThat(hasher.hash("globex", "customer-1")).isNotEqualTo(hash);
        assertThat(new IdHasher("another-secret-of-length".getBytes(StandardCharsets.UTF_8)).hash("acme", "customer-1"))
                .isNotEqualTo(hash);
        assertThat(hasher.hash("acme", "customer-2")).isNotEqualTo(hash);
    }

    @Test
    void missingIdsHashToEmptyAndShortSecretsAreRefused() {
        assertThat(hasher.hash("acme", null)).isEmpty();
        assertThat(hasher.hash("acme", " ")).isEmpty();
        assertThatThrownBy(() -> new IdHasher("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
