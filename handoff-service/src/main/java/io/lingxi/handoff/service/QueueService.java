package io.lingxi.handoff.service;

import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the queues of a tenant. */
@ApplicationScoped
public class QueueService {

    /** The tenant's waiting customers, each with its place in its skill group's queue, next ones first. */
    public Uni<List<QueueOrder.Placed>> waiting(String tenantId) {
        return Panache.withSession(() -> QueueEntry.listWaiting(tenantId)).map(QueueOrder::place);
    }
}
