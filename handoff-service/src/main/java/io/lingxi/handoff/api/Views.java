package io.lingxi.handoff.api;

import io.lingxi.contracts.events.Entity;
import io.lingxi.handoff.console.ConsoleHub.LineView;
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.SkillGroup;
import io.lingxi.handoff.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the handoff REST API (entities never leave through REST). */
public final class Views {

    private Views() {
    }

    /** {@code POST /api/v1/handoff/auth/login}. */
    public record LoginRequest(String tenant, String username, String password) {
    }

    public record LoginResponse(String token, Instant expiresAt, List<String> roles, AgentView agent) {
    }

    public record SkillGroupRequest(String code, String name) {
    }

    public record SkillGroupView(String code, String name) {
        static SkillGroupView of(SkillGroup g) {
            return new SkillGroupView(g.code, g.name);
        }
    }

    /** An agent; {@code load} is how many conversations they hold or are offered now. */
    public record AgentView(String id, String name, String username, List<String> skillGroups, List<String> languages,
            int maxConcurrent, boolean supervisor, String workingHours, String timeZone, String status,
            Instant statusChangedAt, Integer load) {
        static AgentView of(Agent a, Integer load) {
            return new AgentView(a.id, a.name, a.username, a.skillGroupList(), a.languageList(), a.maxConcurrent,
                    a.supervisor, a.workingHours, a.timeZone, a.status, a.statusChangedAt, load);
        }
    }

    /** {@code PUT /api/v1/handoff/me/status}: ONLINE, AWAY or OFFLINE. */
    public record StatusRequest(String status) {
    }

    public record MessageRequest(String text) {
    }

    /** Transfer to exactly one of an agent or a skill group. */
    public record TransferRequest(String agentId, String skillGroup, String note) {
    }

    public record NoteRequest(String note) {
    }

    /** One of the agent's conversations, for the list beside the chat. */
    public record ConversationItem(String conversationId, String status, String skillGroup, String reason,
            String priority, boolean vip, String language, String channelId, Instant requestedAt, Instant assignedAt,
            Instant offerExpiresAt, long unread) {
    }

    public record ConversationList(List<ConversationItem> conversations) {
    }

    /** Everything the agent needs to take over: transcript, NLU summary, reason, customer and channel. */
    public record ConversationDetail(String conversationId, String status, String agentId, String skillGroup,
            String reason, String priority, boolean vip, String language, String channelId, String channelType,
            String callId, String customerId, Map<String, Object> customer, Summary summary, String transferNote,
            Instant requestedAt, Instant assignedAt, List<LineView> transcript) {
    }

    /** The NLU summary over the conversation. */
    public record Summary(List<String> intents, List<Entity> entities, SentimentSummary sentiment) {
    }

    /** Sentiment over the customer's messages, -1 to 1; null fields when NLU scored none. */
    public record SentimentSummary(String label, Double average, Double lowest, Double last) {
    }

    public record SentLine(String conversationId, LineView line) {
    }

    public record HandoffState(String conversationId, String status, String agentId, String skillGroup) {
    }

    public record Suggestion(String entryId, String question, String answer, double score) {
    }

    public record Suggestions(String query, List<Suggestion> suggestions) {
    }

    public record TicketView(String id, String conversationId, String channelId, String customerId, String language,
            String skillGroup, String text, String status, String agentId, Instant createdAt, Instant updatedAt) {
        static TicketView of(Ticket t) {
            return new TicketView(t.id, t.conversationId, t.channelId, t.customerId, t.language, t.skillGroup, t.text,
                    t.status, t.agentId, t.createdAt, t.updatedAt);
        }
    }

    public record TicketList(List<TicketView> tickets) {
    }

    /** What a supervisor sees: every queue, every agent with their load, every waiting customer. */
    public record Overview(List<QueueStat> queues, List<AgentView> agents, List<QueueView.Entry> waiting) {
    }

    public record QueueStat(String skillGroup, int waiting, long longestWaitSeconds, int agentsOnline) {
    }
}
