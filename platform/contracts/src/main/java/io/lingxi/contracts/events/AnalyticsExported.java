package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * An anonymised copy of a conversation event for analysts. Topic {@code cs.analytics.export.v1}, key
 * {@code conversationHash}. Personal data in {@code data} is masked; ids of customers and conversations
 * are salted hashes, stable per tenant.
 *
 * @param sourceType  the {@code ce_type} of the original event
 * @param sourceId    the {@code ce_id} of the original event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnalyticsExported(
        String sourceType,
        String sourceTopic,
        String sourceId,
        String tenantId,
        String channelId,
        String conversationHash,
        String customerHash,
        Instant occurredAt,
        Map<String, Object> data) {
}
