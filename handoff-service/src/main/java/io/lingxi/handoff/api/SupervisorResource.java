package io.lingxi.handoff.api;

import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentPicker;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The supervisor's view: every queue, each agent's load, the waiting customers. */
@Path("/api/v1/handoff/overview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class SupervisorResource {

    private final CallerTenant caller;

    public SupervisorResource(CallerTenant caller) {
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "Queues, agents with load, waiting customers")
    public Uni<Views.Overview> overview() {
        String tenantId = caller.id();
        Instant now = Instant.now();
        return Panache.withSession(() -> Agent.listOfTenant(tenantId).flatMap(agents -> QueueEntry.listActive(tenantId)
                .map(active -> {
                    Map<String, Integer> load = new java.util.HashMap<>();
                    active.stream().filter(e -> e.agentId != null && !QueueEntry.WAITING.equals(e.status))
                            .forEach(e -> load.merge(e.agentId, 1, Integer::sum));
                    List<QueueEntry> waiting = active.stream().filter(e -> QueueEntry.WAITING.equals(e.status))
                            .toList();
                    TreeSet<String> groups = new TreeSet<>();
                    agents.forEach(a -> groups.addAll(a.skillGroupList()));
                    waiting.forEach(e -> groups.add(e.skillGroup));
                    List<Views.QueueStat> stats = new ArrayList<>();
                    for (String group : groups) {
                        List<QueueEntry> queue = waiting.stream().filter(e -> e.skillGroup.equals(group)).toList();
                        long longest = queue.stream().mapToLong(e -> Duration.between(e.requestedAt, now).toSeconds())
                                .max().orElse(0);
                        int online = (int) agents.stream().filter(a -> a.serves(group) && AgentPicker.available(a, now))
                                .count();
                        stats.add(new Views.QueueStat(group, queue.size(), Math.max(0, longest), online));
                    }
                    List<QueueView.Entry> entries = QueueOrder.place(waiting).stream()
                            .map(p -> QueueResource.entry(p, now)).toList();
                    return new Views.Overview(stats, agents.stream().map(a -> AdminResource.view(a, load)).toList(),
                            entries);
                })));
    }
}
