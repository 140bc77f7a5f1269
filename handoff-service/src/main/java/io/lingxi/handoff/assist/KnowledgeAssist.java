package io.lingxi.handoff.assist;

import io.lingxi.handoff.config.HandoffConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Suggested answers for the agent: knowledge-service's search ({@code GET /api/v1/knowledge/search}) called with the
 * agent's own token, non-blocking and with a short timeout. When knowledge-service is away or refuses, the agent
 * simply gets no suggestions.
 */
@ApplicationScoped
public class KnowledgeAssist {

    public static final int MAX_SUGGESTIONS = 3;

    /** One suggested answer. */
    public record Suggestion(String entryId, String question, String answer, double score) {
    }

    private final WebClient client;
    private final HandoffConfig config;
    private final URI base;

    public KnowledgeAssist(Vertx vertx, HandoffConfig config) {
        this.config = config;
        this.base = URI.create(config.knowledgeUrl());
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.knowledgeTimeout().toMillis())
                .setIdleTimeout(30));
    }

    public Uni<List<Suggestion>> suggest(String question, String bearerToken) {
        if (question == null || question.isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        String q = question.length() > 2000 ? question.substring(0, 2000) : question;
        int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        String path = (base.getPath() == null ? "" : base.getPath().replaceAll("/$", "")) + "/api/v1/knowledge/search";
        return client.get(port, base.getHost(), path)
                .ssl("https".equals(base.getScheme()))
                .addQueryParam("q", q)
                .addQueryParam("limit", String.valueOf(MAX_SUGGESTIONS))
                .putHeader("Authorization", "Bearer " + bearerToken)
                .putHeader("Accept", "application/json")
                .timeout(config.knowledgeTimeout().toMillis())
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        Log.warnf("Knowledge search answered %d; no suggestions", response.statusCode());
                        return List.<Suggestion>of();
                    }
                    return parse(response.bodyAsJsonObject());
                })
                .ifNoItem().after(config.knowledgeTimeout().plusMillis(200)).fail()
                .onFailure().invoke(e -> Log.warnf("Knowledge search unreachable (%s); no suggestions", e.getMessage()))
                .onFailure().recoverWithItem(List.of());
    }

    static List<Suggestion> parse(JsonObject body) {
        List<Suggestion> suggestions = new ArrayList<>();
        JsonArray hits = body == null ? null : body.getJsonArray("hits");
        if (hits == null) {
            return suggestions;
        }
        for (int i = 0; i < hits.size() && suggestions.size() < MAX_SUGGESTIONS; i++) {
            JsonObject hit = hits.getJsonObject(i);
            if (hit != null && hit.getString("answer") != null) {
                suggestions.add(new Suggestion(hit.getString("entryId"), hit.getString("question"),
                        hit.getString("answer"), hit.getDouble("score", 0.0)));
            }
        }
        return suggestions;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
