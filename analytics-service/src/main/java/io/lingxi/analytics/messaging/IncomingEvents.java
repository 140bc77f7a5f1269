package io.lingxi.analytics.messaging;

import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The checks every consumed event passes before it is counted; failures send it to the dead-letter topic. */
final class IncomingEvents {

    private IncomingEvents() {
    }

    /** The CloudEvents attributes of {@code message}; a record without them is poison. */
    static EventContext context(Message<String> message) {
        EventContext context = EventContext.of(message);
        limit(context.id(), "ce_id");
        return context;
    }

    /** The tenant and channel an event is counted under: both present and the tenant the same as the header's. */
    static void requireTenantAndChannel(EventContext context, String tenantId, String channelId) {
        limit(EventJson.require(tenantId, "tenantId"), "tenantId");
        limit(EventJson.require(channelId, "channelId"), "channelId");
        if (!tenantId.equals(context.tenantId())) {
            throw new InvalidEventException("event " + context.id() + " names tenant " + tenantId
                    + " but its tenantid header is " + context.tenantId());
        }
    }

    private static void limit(String value, String field) {
        if (value.length() > 64) {
            throw new InvalidEventException("field " + field + " is longer than 64 characters");
        }
    }
}
