package io.lingxi.handoff.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the agent for a waiting conversation: among ONLINE, connected agents of its skill group who are within
 * their working hours, speak the customer's language, have free capacity and have not declined it, the least
 * loaded, then the longest idle (never assigned counts as idlest), then the id.
 */
public final class AgentPicker {

    private AgentPicker() {
    }

    public static Optional<Agent> pick(QueueEntry entry, Collection<Agent> agents, Map<String, Integer> load,
            Instant now) {
        Set<String> declined = Set.copyOf(Agent.split(entry.declinedBy));
        return agents.stream()
                .filter(a -> available(a, now))
                .filter(a -> a.serves(entry.skillGroup))
                .filter(a -> speaks(a, entry.language))
                .filter(a -> load.getOrDefault(a.id, 0) < a.maxConcurrent)
                .filter(a -> !declined.contains(a.id))
                .min(Comparator.<Agent>comparingInt(a -> load.getOrDefault(a.id, 0))
                        .thenComparing(a -> a.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(a -> a.id));
    }

    /** Online, connected (or never used the console) and within working hours. */
    public static boolean available(Agent agent, Instant now) {
        return AgentStatus.ONLINE.name().equals(agent.status) && agent.disconnectedAt == null
                && WorkingHours.covers(agent.workingHours, agent.timeZone, now);
    }

    /** An agent who lists no language serves any; {@code zh-CN} matches {@code zh}. */
    public static boolean speaks(Agent agent, String language) {
        if (agent.languageList().isEmpty() || language == null) {
            return true;
        }
        String base = language.toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        return agent.languageList().stream().anyMatch(l -> l.equalsIgnoreCase(base) || l.equalsIgnoreCase(language));
    }

    /** Why nobody of the group can take a conversation now, or NONE. */
    public static QueueMessages.Absence absence(String skillGroup, Collection<Agent> agents, Instant now) {
        var members = agents.stream().filter(a -> a.serves(skillGroup)).toList();
        if (members.stream().anyMatch(a -> available(a, now))) {
            return QueueMessages.Absence.NONE;
        }
        boolean onlineButOutOfHours = members.stream()
                .anyMatch(a -> !WorkingHours.covers(a.workingHours, a.timeZone, now));
        return onlineButOutOfHours && members.stream().noneMatch(a -> a.workingHours == null
                || a.workingHours.isBlank()) ? QueueMessages.Absence.OUTSIDE_HOURS : QueueMessages.Absence.NOBODY_ONLINE;
    }
}
