package io.lingxi.knowledge.api;

import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.service.KnowledgeBase;
import io.lingxi.knowledge.service.Queries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Searches the caller's tenant's knowledge base exactly as the bot does. JWT roles admin, editor or agent. */
@Path("/api/v1/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge search")
public class KnowledgeSearchResource {

    static final int DEFAULT_LIMIT = 5;

    private final KnowledgeBase knowledge;
    private final JsonWebToken jwt;

    public KnowledgeSearchResource(KnowledgeBase knowledge, JsonWebToken jwt) {
        this.knowledge = knowledge;
        this.jwt = jwt;
    }

    @GET
    @Path("/search")
    @RolesAllowed({"admin", "editor", "agent"})
    @Operation(summary = "Search the knowledge base", description = "Matches the question against the published, "
            + "currently valid FAQ entries of the caller's tenant and decides as the bot would: ANSWERED, SUGGESTED "
            + "or UNANSWERED.")
    @APIResponse(responseCode = "200", description = "The decision and the matching entries, best first")
    @APIResponse(responseCode = "400", description = "q missing, blank or too long; limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token's roles do not allow searching",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchResult> search(
            @Parameter(description = "The question, up to 2000 characters") @RestQuery String q,
            @Parameter(description = "How many hits at most, 1 to 20; default 5") @RestQuery String limit) {
        String tenant = Tenants.of(jwt);
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("q", "must not be blank");
        }
        if (q.length() > Queries.MAX_LENGTH) {
            throw ProblemException.invalid("q", "must be at most " + Queries.MAX_LENGTH + " characters");
        }
        int max = parseLimit(limit);
        return knowledge.search(tenant, q, max, "search").map(match -> result(q, match));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= Queries.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + Queries.MAX_LIMIT);
    }

    private static SearchResult result(String query, Match match) {
        return new SearchResult(query, match.decision(), match.hits().stream()
                .map(hit -> new SearchResult.Hit(hit.faq().id(), hit.faq().question(), hit.faq().answer(),
                        hit.faq().language(), hit.faq().category(), Queries.round(hit.score())))
                .toList());
    }
}
