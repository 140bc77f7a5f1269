package io.lingxi.nlu.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant named by the caller's token; every query is scoped by it. */
@RequestScoped
public class CallerTenant {

    static final String TENANT_CLAIM = "tenant";

    private final JsonWebToken jwt;

    public CallerTenant(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String id() {
        Object claim = jwt.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token names no tenant.");
        }
        return tenant;
    }
}
