package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One knowledge entry matched by a query, with its confidence in [0, 1]. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeHit(String entryId, String question, String answer, double score) {
}
