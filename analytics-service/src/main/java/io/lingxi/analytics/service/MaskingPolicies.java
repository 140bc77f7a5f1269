package io.lingxi.analytics.service;

import io.lingxi.analytics.config.AnalyticsConfig;
import io.lingxi.analytics.masking.MaskStyle;
import io.lingxi.analytics.masking.MaskingPolicy;
import io.lingxi.analytics.masking.PersonalDataKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The masking policy of each tenant: its own settings, else the service's defaults. */
@ApplicationScoped
public class MaskingPolicies {

    private final AnalyticsConfig config;
    private final MaskingPolicy defaults;
    private final Map<String, MaskingPolicy> byTenant = new ConcurrentHashMap<>();

    public MaskingPolicies(AnalyticsConfig config) {
        this.config = config;
        this.defaults = new MaskingPolicy(kinds(config.masking().kinds()), style(config.masking().style()));
        // fail at start-up, not at the first event, when a tenant's settings are wrong
        config.tenants().keySet().forEach(this::forTenant);
    }

    public MaskingPolicy forTenant(String tenantId) {
        return byTenant.computeIfAbsent(tenantId, id -> {
            AnalyticsConfig.Tenant tenant = config.tenants().get(id);
            if (tenant == null) {
                return defaults;
            }
            return new MaskingPolicy(tenant.masking().kinds().map(MaskingPolicies::kinds).orElse(defaults.kinds()),
                    tenant.masking().style().map(MaskingPolicies::style).orElse(defaults.style()));
        });
    }

    private static Set<PersonalDataKind> kinds(List<String> names) {
        Set<PersonalDataKind> kinds = EnumSet.noneOf(PersonalDataKind.class);
        for (String name : names) {
            if (name.isBlank() || name.equalsIgnoreCase("NONE")) {
                continue;
            }
            try {
                kinds.add(PersonalDataKind.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lingxi.analytics masking kinds: '" + name + "' is not one of "
                        + List.of(PersonalDataKind.values()), e);
            }
        }
        return kinds;
    }

    private static MaskStyle style(String name) {
        try {
            return MaskStyle.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lingxi.analytics masking style: '" + name + "' is not TAG or PARTIAL", e);
        }
    }
}
