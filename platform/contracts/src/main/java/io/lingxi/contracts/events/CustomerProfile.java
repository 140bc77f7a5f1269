package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a channel told us about its customer (latest hints win). Personal data: analytics masks or drops it.
 *
 * @param name       the customer's display name
 * @param vipLevel   the enterprise's VIP level, e.g. {@code gold}; null or blank for a regular customer
 * @param externalId the customer's id in the enterprise's CRM
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerProfile(String name, String vipLevel, String externalId) {

    /** Whether the enterprise marks this customer as a VIP. */
    public boolean vip() {
        return vipLevel != null && !vipLevel.isBlank() && !"none".equalsIgnoreCase(vipLevel.strip())
                && !"0".equals(vipLevel.strip());
    }
}
