package io.lingxi.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Business settings of the analytics service. */
@ConfigMapping(prefix = "lingxi.analytics")
public interface AnalyticsConfig {

    /**
     * The secret customer and conversation ids are hashed with (HMAC-SHA256, one key per tenant derived from it).
     * From the environment ({@code LINGXI_ANALYTICS_HASH_SECRET}) in production; when it is not set, a random
     * secret is made once and kept in the service's database, so hashes stay stable across restarts.
     */
    Optional<String> hashSecret();

    /** How often the Prometheus KPI gauges are re-read from the aggregates, e.g. {@code 15s}. */
    @WithDefault("15s")
    String metricsRefresh();

    /** Masking for tenants without settings of their own. */
    Masking masking();

    /** Per-tenant masking, by tenant id: {@code lingxi.analytics.tenants."acme".masking.style=PARTIAL}. */
    Map<String, Tenant> tenants();

    interface Tenant {
        TenantMasking masking();
    }

    interface Masking {
        /** Kinds masked: PHONE, ID_CARD, BANK_CARD, EMAIL, ADDRESS, NAME. */
        @WithDefault("PHONE,ID_CARD,BANK_CARD,EMAIL,ADDRESS,NAME")
        List<String> kinds();

        /** TAG ({@code [PHONE]}) or PARTIAL ({@code 138****5678}). */
        @WithDefault("TAG")
        String style();
    }

    interface TenantMasking {
        Optional<List<String>> kinds();

        Optional<String> style();
    }
}
