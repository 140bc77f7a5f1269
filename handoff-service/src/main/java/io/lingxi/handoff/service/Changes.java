package io.lingxi.handoff.service;

import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.domain.TranscriptLine;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transaction decided besides its own rows: events to send after the commit (already in the outbox),
 * transcript lines to store with them, and whether the tenant's queues must be routed again.
 */
public final class Changes {

    final String tenantId;
    final List<OutboxEvent> rows = new ArrayList<>();
    final List<TranscriptLine> lines = new ArrayList<>();
    boolean reroute;

    Changes(String tenantId) {
        this.tenantId = tenantId;
    }

    void reply(HandoffOutbox.Reply reply) {
        rows.add(reply.row());
        lines.add(reply.line());
    }
}
