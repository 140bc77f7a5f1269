package io.lingxi.knowledge.api;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's tenant: the token's {@code tenant} claim, never a parameter. */
final class Tenants {

    static final String TENANT_CLAIM = "tenant";

    private Tenants() {
    }

    static String of(JsonWebToken jwt) {
        Object claim = jwt.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.forbidden("The token names no tenant.");
        }
        return tenant;
    }

    static String user(JsonWebToken jwt) {
        return jwt.getName();
    }
}
