package io.lingxi.handoff.api;

import io.lingxi.handoff.service.ConversationDesk;
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

    /** The caller as an agent: their id is the token's subject (tokens from the agent login). */
    public ConversationDesk.Caller caller() {
        boolean supervisor = token.getGroups() != null
                && (token.getGroups().contains("supervisor") || token.getGroups().contains("admin"));
        return new ConversationDesk.Caller(id(), token.getSubject(), supervisor);
    }

    /** The agent id (token subject); 403 when the token has none. */
    public String agentId() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw ProblemException.forbidden("Your access token names no agent.");
        }
        return subject;
    }

    /** The raw bearer token, to call other Lingxi services as the same caller. */
    public String rawToken() {
        return token.getRawToken();
    }
}
