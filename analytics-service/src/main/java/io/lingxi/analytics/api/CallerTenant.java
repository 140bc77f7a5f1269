package io.lingxi.analytics.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant of the authenticated caller: the {@code tenant} claim of their token, never a request parameter. */
@RequestScoped
public class CallerTenant {

    static final String CLAIM = "tenant";

    private final JsonWebToken token;

    public CallerTenant(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's tenant; 403 when the token names none. */
    public String id() {
        Object claim = token.getClaim(CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.forbidden("Your access token names no tenant.");
        }
        return tenant;
    }
}
