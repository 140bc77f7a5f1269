package io.lingxi.handoff.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void higherPriorityComesFirstThenTheEarlierRequest() {
        QueueEntry early = entry("early", "general", Priority.NORMAL, T0);
        QueueEntry late = entry("late", "general", Priority.NORMAL, T0.plusSeconds(60));
        QueueEntry high = entry("high", "general", Priority.HIGH, T0.plusSeconds(120));
        QueueEntry urgent = entry("urgent", "general", Priority.URGENT, T0.plusSeconds(180));
        List<QueueEntry> queue = List.of(late, early, urgent, high);

        assertThat(QueueOrder.position(urgent, queue)).isEqualTo(1);
        assertThat(QueueOrder.position(high, queue)).isEqualTo(2);
        assertThat(QueueOrder.position(early, queue)).isEqualTo(3);
        assertThat(QueueOrder.position(late, queue)).isEqualTo(4);
    }

    @Test
    void eachSkillGroupIsItsOwnQueue() {
        QueueEntry general1 = entry("g1", "general", Priority.NORMAL, T0);
        QueueEntry general2 = entry("g2", "general", Priority.NORMAL, T0.plusSeconds(1));
        QueueEntry sales1 = entry("s1", "after_sales", Priority.NORMAL, T0.plusSeconds(2));

        List<QueueOrder.Placed> placed = QueueOrder.place(List.of(general2, sales1, general1));

        assertThat(placed).extracting(p -> p.entry().id, QueueOrder.Placed::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("g1", 1),
                        org.assertj.core.groups.Tuple.tuple("s1", 1),
                        org.assertj.core.groups.Tuple.tuple("g2", 2));
    }

    @Test
    void theCustomerIsToldHowManyAreAheadInTheirLanguage() {
        assertThat(QueueMessages.queued("zh", 2)).isEqualTo("正在为您转接人工客服，您前面还有 2 位客户，请稍候。");
        assertThat(QueueMessages.queued(null, 0)).isEqualTo("正在为您转接人工客服，您是下一位，请稍候。");
        assertThat(QueueMessages.queued("en", 3))
                .isEqualTo("Connecting you to a human agent. There are 3 customers ahead of you; please wait.");
        assertThat(QueueMessages.queued("en", 1))
                .isEqualTo("Connecting you to a human agent. There is 1 customer ahead of you; please wait.");
        assertThat(QueueMessages.queued("en-US", 0))
                .isEqualTo("Connecting you to a human agent. You are next in line; please wait.");
    }

    private static QueueEntry entry(String id, String skillGroup, Priority priority, Instant requestedAt) {
        QueueEntry entry = new QueueEntry();
        entry.id = id;
        entry.tenantId = "t";
        entry.skillGroup = skillGroup;
        entry.priority = priority;
        entry.requestedAt = requestedAt;
        return entry;
    }
}
