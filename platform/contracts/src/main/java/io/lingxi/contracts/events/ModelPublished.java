package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A tenant's NLU model version became active. Topic {@code cs.nlu.model.v1} (compacted), key tenantId.
 *
 * @param modelVersion the version every replica must now load from the model store
 * @param checksum     SHA-256 of the model bytes, so a replica can verify what it loaded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelPublished(String tenantId, String modelVersion, String checksum, Instant publishedAt) {
}
