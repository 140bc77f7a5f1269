package io.lingxi.handoff.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentPickerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theLeastLoadedAgentGetsTheConversation() {
        Agent busy = agent("a", "zh", 3, null);
        Agent free = agent("b", "zh", 3, null);
        assertThat(AgentPicker.pick(entry("zh"), List.of(busy, free), Map.of("a", 2, "b", 1), NOW))
                .map(a -> a.id).contains("b");
    }

    @Test
    void atEqualLoadTheLongestIdleWinsAndAnAgentNeverAssignedCountsAsIdlest() {
        Agent recent = agent("a", "zh", 3, NOW.minusSeconds(10));
        Agent idle = agent("b", "zh", 3, NOW.minusSeconds(600));
        assertThat(AgentPicker.pick(entry("zh"), List.of(recent, idle), Map.of(), NOW)).map(a -> a.id).contains("b");
        Agent fresh = agent("c", "zh", 3, null);
        assertThat(AgentPicker.pick(entry("zh"), List.of(recent, idle, fresh), Map.of(), NOW)).map(a -> a.id)
                .contains("c");
        // a lighter load beats a longer idle time
        assertThat(AgentPicker.pick(entry("zh"), List.of(recent, idle), Map.of("b", 1), NOW)).map(a -> a.id)
                .contains("a");
    }

    @Test
    void onlyAgentsWhoSpeakTheCustomersLanguageAreConsidered() {
        Agent chinese = agent("a", "zh", 3, null);
        Agent english = agent("b", "en", 3, NOW);
        Agent anyLanguage = agent("c", "", 3, NOW);
        assertThat(AgentPicker.pick(entry("en-US"), List.of(chinese, english), Map.of(), NOW)).map(a -> a.id)
                .contains("b");
        assertThat(AgentPicker.pick(entry("zh"), List.of(english), Map.of(), NOW)).isEmpty();
        assertThat(AgentPicker.pick(entry("ja"), List.of(chinese, english, anyLanguage), Map.of(), NOW))
                .map(a -> a.id).contains("c");
        assertThat(AgentPicker.speaks(chinese, "zh-CN")).isTrue();
        assertThat(AgentPicker.speaks(chinese, null)).isTrue();
    }

    @Test
    void fullOfflineDisconnectedOutOfHoursOtherGroupAndDecliningAgentsAreSkipped() {
        Agent full = agent("a", "zh", 2, null);
        Agent away = agent("b", "zh", 3, null);
        away.status = AgentStatus.AWAY.name();
        Agent disconnected = agent("c", "zh", 3, null);
        disconnected.disconnectedAt = NOW.minusSeconds(1);
        Agent asleep = agent("d", "zh", 3, null);
        asleep.workingHours = "09:00-17:00";
        asleep.timeZone = "America/New_York"; // 05:00 there
        Agent otherGroup = agent("e", "zh", 3, null);
        otherGroup.skillGroups = "sales";
        Agent declined = agent("f", "zh", 3, null);
        Agent ok = agent("g", "zh", 3, NOW);
        List<Agent> all = List.of(full, away, disconnected, asleep, otherGroup, declined, ok);
        QueueEntry entry = entry("zh");
        entry.declinedBy = "f";
        assertThat(AgentPicker.pick(entry, all, Map.of("a", 2), NOW)).map(a -> a.id).contains("g");
        assertThat(AgentPicker.pick(entry, all.subList(0, 6), Map.of("a", 2), NOW)).isEmpty();
    }

    @Test
    void theCustomerIsToldWhyNobodyCanAnswer() {
        Agent offline = agent("a", "zh", 3, null);
        offline.status = AgentStatus.OFFLINE.name();
        assertThat(AgentPicker.absence("general", List.of(offline), NOW)).isEqualTo(QueueMessages.Absence.NOBODY_ONLINE);
        assertThat(AgentPicker.absence("general", List.of(), NOW)).isEqualTo(QueueMessages.Absence.NOBODY_ONLINE);

        Agent asleep = agent("b", "zh", 3, null);
        asleep.workingHours = "09:00-17:00";
        asleep.timeZone = "UTC";
        Instant night = Instant.parse("2026-11-24T20:00:00Z");
        assertThat(AgentPicker.absence("general", List.of(asleep), night))
                .isEqualTo(QueueMessages.Absence.OUTSIDE_HOURS);
        assertThat(AgentPicker.absence("general", List.of(asleep), NOW)).isEqualTo(QueueMessages.Absence.NONE);
        // somebody without hours could be online at any time: then it is "nobody online", not "outside hours"
        assertThat(AgentPicker.absence("general", List.of(asleep, offline), night))
                .isEqualTo(QueueMessages.Absence.NOBODY_ONLINE);
    }

    static Agent agent(String id, String languages, int capacity, Instant lastAssignedAt) {
        Agent agent = new Agent();
        agent.id = id;
        agent.tenantId = "t";
        agent.name = id;
        agent.skillGroups = "general";
        agent.languages = languages;
        agent.maxConcurrent = capacity;
        agent.timeZone = "Asia/Shanghai";
        agent.status = AgentStatus.ONLINE.name();
        agent.lastAssignedAt = lastAssignedAt;
        return agent;
    }

    private static QueueEntry entry(String language) {
        QueueEntry entry = new QueueEntry();
        entry.id = "e";
        entry.tenantId = "t";
        entry.skillGroup = "general";
        entry.language = language;
        return entry;
    }
}
