package io.lingxi.handoff.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.HandoffRequested;
import io.lingxi.handoff.assist.KnowledgeAssist;
import io.lingxi.handoff.console.ConsoleHub.LineView;
import io.lingxi.handoff.domain.AgentStatus;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.TranscriptLine;
import io.lingxi.handoff.service.AgentDirectory;
import io.lingxi.handoff.service.ConversationDesk;
import io.lingxi.handoff.service.RoutingService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** What an agent does: status, their conversations, accept, write, transfer, return to the bot, close. */
@Path("/api/v1/handoff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agent desk")
public class AgentDeskResource {

    private final AgentDirectory directory;
    private final RoutingService routing;
    private final ConversationDesk desk;
    private final KnowledgeAssist assist;
    private final CallerTenant caller;
    private final ObjectMapper mapper;

    public AgentDeskResource(AgentDirectory directory, RoutingService routing, ConversationDesk desk,
            KnowledgeAssist assist, CallerTenant caller, ObjectMapper mapper) {
        this.directory = directory;
        this.routing = routing;
        this.desk = desk;
        this.assist = assist;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @Path("/me")
    @RolesAllowed("agent")
    @Operation(summary = "The logged-in agent, with status and load")
    public Uni<Views.AgentView> me() {
        String tenantId = caller.id();
        return directory.agent(tenantId, caller.agentId()).flatMap(a -> AdminResource.loads(tenantId)
                .map(load -> AdminResource.view(a, load)));
    }

    @PUT
    @Path("/me/status")
    @RolesAllowed("agent")
    @Operation(summary = "Set the agent's status", description = "ONLINE gets new conversations, AWAY keeps its "
            + "conversations, OFFLINE hands them back to the queue after the grace period.")
    public Uni<Views.AgentView> status(Views.StatusRequest request) {
        AgentStatus status = parseStatus(request == null ? null : request.status());
        return directory.setStatus(caller.id(), caller.agentId(), status).map(a -> Views.AgentView.of(a, null));
    }

    @GET
    @Path("/conversations")
    @RolesAllowed("agent")
    @Operation(summary = "The agent's offered and assigned conversations, with unread counts")
    public Uni<Views.ConversationList> mine() {
        return desk.mine(caller.id(), caller.agentId()).flatMap(entries -> entries.isEmpty()
                ? Uni.createFrom().item(new Views.ConversationList(List.of()))
                : Multi.createFrom().iterable(entries)
                        .onItem().transformToUniAndConcatenate(e -> desk.unread(e).map(n -> item(e, n)))
                        .collect().asList().map(Views.ConversationList::new));
    }

    @POST
    @Path("/conversations/accept-next")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("agent")
    @Operation(summary = "Take the next waiting conversation of the agent's groups and languages",
            description = "204 when nobody waits; 409 when offline or at capacity.")
    public Uni<Views.HandoffState> acceptNext() {
        return routing.acceptNext(caller.id(), caller.agentId()).map(e -> e == null ? null : state(e));
    }

    @POST
    @Path("/conversations/{conversationId}/accept")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("agent")
    @Operation(summary = "Accept a waiting or offered conversation", description = "409 when another agent has it, "
            + "when the agent is not online or at capacity; 403 for a group the agent does not serve.")
    public Uni<Views.HandoffState> accept(@PathParam("conversationId") String conversationId) {
        return routing.accept(caller.id(), caller.agentId(), conversationId).map(AgentDeskResource::state);
    }

    @POST
    @Path("/conversations/{conversationId}/decline")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("agent")
    @ResponseStatus(204)
    @Operation(summary = "Decline an offered conversation; it is offered to the next agent")
    public Uni<Void> decline(@PathParam("conversationId") String conversationId) {
        return routing.decline(caller.id(), caller.agentId(), conversationId);
    }

    @GET
    @Path("/conversations/{conversationId}")
    @RolesAllowed({ "agent", "supervisor", "admin" })
    @Operation(summary = "A conversation with its whole transcript, NLU summary, reason, customer and channel",
            description = "Agents see their own and waiting conversations; supervisors every one. Marks it read.")
    public Uni<Views.ConversationDetail> detail(@PathParam("conversationId") String conversationId) {
        return desk.detail(caller.caller(), conversationId).map(d -> detail(d.entry(), d.lines()));
    }

    @POST
    @Path("/conversations/{conversationId}/messages")
    @RolesAllowed("agent")
    @ResponseStatus(202)
    @Operation(summary = "Write to the customer", description = "Sent on cs.reply.v1 as sender AGENT with agentId.")
    public Uni<Views.SentLine> send(@PathParam("conversationId") String conversationId, Views.MessageRequest request) {
        return desk.send(caller.caller(), conversationId, request == null ? null : request.text())
                .map(line -> new Views.SentLine(conversationId, LineView.of(line)));
    }

    @POST
    @Path("/conversations/{conversationId}/transfer")
    @RolesAllowed({ "agent", "supervisor" })
    @Operation(summary = "Transfer to another agent (online, with room) or to a skill group's queue, with a note")
    public Uni<Views.HandoffState> transfer(@PathParam("conversationId") String conversationId,
            Views.TransferRequest request) {
        if (request == null) {
            throw ProblemException.invalid("Send agentId or skillGroup, and an optional note.");
        }
        return desk.transfer(caller.caller(), conversationId, blankToNull(request.agentId()),
                blankToNull(request.skillGroup()), request.note()).map(AgentDeskResource::state);
    }

    @POST
    @Path("/conversations/{conversationId}/return")
    @RolesAllowed({ "agent", "supervisor" })
    @Operation(summary = "Return the conversation to the bot")
    public Uni<Views.HandoffState> returnToBot(@PathParam("conversationId") String conversationId,
            Views.NoteRequest request) {
        return desk.returnToBot(caller.caller(), conversationId, request == null ? null : request.note())
                .map(AgentDeskResource::state);
    }

    @POST
    @Path("/conversations/{conversationId}/close")
    @RolesAllowed({ "agent", "supervisor" })
    @Operation(summary = "Close the conversation (dialogue then sends the satisfaction survey)")
    public Uni<Views.HandoffState> close(@PathParam("conversationId") String conversationId,
            Views.NoteRequest request) {
        return desk.close(caller.caller(), conversationId, request == null ? null : request.note())
                .map(AgentDeskResource::state);
    }

    @GET
    @Path("/conversations/{conversationId}/suggestions")
    @RolesAllowed("agent")
    @Operation(summary = "Up to three suggested answers to the customer's latest message",
            description = "From knowledge-service, searched with the agent's token; empty when it is unreachable.")
    public Uni<Views.Suggestions> suggestions(@PathParam("conversationId") String conversationId) {
        String token = caller.rawToken();
        return desk.detail(caller.caller(), conversationId).flatMap(d -> {
            String latest = null;
            for (TranscriptLine line : d.lines()) {
                if ("CUSTOMER".equals(line.sender)) {
                    latest = line.text;
                }
            }
            String q = latest;
            return assist.suggest(q, token).map(list -> new Views.Suggestions(q, list.stream()
                    .map(s -> new Views.Suggestion(s.entryId(), s.question(), s.answer(), s.score())).toList()));
        });
    }

    // -------------------------------------------------------------------------------------------------- views

    static Views.HandoffState state(QueueEntry e) {
        return new Views.HandoffState(e.conversationId, e.status, e.agentId, e.skillGroup);
    }

    static Views.ConversationItem item(QueueEntry e, long unread) {
        return new Views.ConversationItem(e.conversationId, e.status, e.skillGroup, e.reason, e.priority.name(), e.vip,
                e.language, e.channelId, e.requestedAt, e.assignedAt, e.offerExpiresAt, unread);
    }

    Views.ConversationDetail detail(QueueEntry e, List<TranscriptLine> lines) {
        return new Views.ConversationDetail(e.conversationId, e.status, e.agentId, e.skillGroup, e.reason,
                e.priority.name(), e.vip, e.language, e.channelId, e.channelType, e.callId, e.customerId,
                customer(e), summary(e, lines), e.transferNote, e.requestedAt, e.assignedAt,
                lines.stream().map(LineView::of).toList());
    }

    private Map<String, Object> customer(QueueEntry e) {
        if (e.customerJson == null) {
            return null;
        }
        try {
            Map<String, Object> profile = mapper.readValue(e.customerJson, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            profile.put("vip", e.vip);
            return profile;
        } catch (Exception ex) {
            return null;
        }
    }

    private Views.Summary summary(QueueEntry e, List<TranscriptLine> lines) {
        Set<String> intents = new LinkedHashSet<>();
        List<Entity> entities = new ArrayList<>();
        if (e.summaryJson != null) {
            try {
                HandoffRequested.Summary s = mapper.readValue(e.summaryJson, HandoffRequested.Summary.class);
                if (s.intents() != null) {
                    intents.addAll(s.intents());
                }
                if (s.entities() != null) {
                    entities.addAll(s.entities());
                }
            } catch (Exception ignored) {
                // an unreadable stored summary only loses its part of the summary
            }
        }
        List<Double> scores = new ArrayList<>();
        for (TranscriptLine line : lines) {
            if (line.intent != null && !"nlu_fallback".equals(line.intent)) {
                intents.add(line.intent);
            }
            if (line.sentiment != null) {
                scores.add(line.sentiment);
            }
            if (line.entitiesJson != null) {
                try {
                    entities.addAll(mapper.readValue(line.entitiesJson, new TypeReference<List<Entity>>() {
                    }));
                } catch (Exception ignored) {
                    // as above
                }
            }
        }
        Map<String, Entity> distinct = new LinkedHashMap<>();
        entities.forEach(en -> distinct.putIfAbsent(en.type() + "=" + en.value(), en));
        Views.SentimentSummary sentiment;
        if (scores.isEmpty()) {
            sentiment = new Views.SentimentSummary("negative_sentiment".equals(e.reason) ? "negative" : "unknown",
                    null, null, null);
        } else {
            double average = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double lowest = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            String label = lowest <= -0.6 || average < -0.2 ? "negative" : average > 0.2 ? "positive" : "neutral";
            sentiment = new Views.SentimentSummary(label, round(average), round(lowest), round(scores.get(scores.size() - 1)));
        }
        return new Views.Summary(List.copyOf(intents), List.copyOf(distinct.values()), sentiment);
    }

    private static Double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static AgentStatus parseStatus(String status) {
        try {
            return AgentStatus.valueOf(status == null ? "" : status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status must be ONLINE, AWAY or OFFLINE.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
