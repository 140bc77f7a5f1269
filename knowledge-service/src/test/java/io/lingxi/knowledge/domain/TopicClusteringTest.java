package io.lingxi.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicClusteringTest {

    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void nearDuplicateQuestionsFormOneTopicMostAskedFirst() {
        List<TopicClustering.Asked> asked = new ArrayList<>();
        for (String q : List.of("可以用数字人民币支付吗", "可以用数字人民币支付吗？", "能用数字人民币付款吗", "数字人民币支付可以吗",
                "支持数字人民币吗", "do you accept apple pay", "Do you accept Apple Pay?", "门店有充电宝借吗")) {
            asked.add(new TopicClustering.Asked(q, T));
        }
        asked.add(new TopicClustering.Asked("可以用数字人民币支付吗", T.plusSeconds(3600)));
        List<TopicClustering.Topic> topics = new TopicClustering(0.5).cluster(asked, 10);

        assertThat(topics.get(0).question()).isEqualTo("可以用数字人民币支付吗");
        assertThat(topics.get(0).count()).isGreaterThanOrEqualTo(5);
        assertThat(topics.get(0).examples()).extracting(TopicClustering.Example::question)
                .contains("能用数字人民币付款吗", "数字人民币支付可以吗");
        assertThat(topics.get(0).examples().get(0).count()).isEqualTo(3);
        assertThat(topics.get(0).lastAsked()).isEqualTo(T.plusSeconds(3600));
        assertThat(topics).filteredOn(t -> t.question().toLowerCase().contains("apple pay")).singleElement()
                .satisfies(t -> assertThat(t.count()).isEqualTo(2));
        assertThat(topics).filteredOn(t -> t.question().contains("充电宝")).singleElement()
                .satisfies(t -> assertThat(t.count()).isEqualTo(1));
        assertThat(topics).extracting(TopicClustering.Topic::id).doesNotHaveDuplicates();
    }

    @Test
    void eachTopicCountsItsQuestionsPerDayOfThePeriodEmptyDaysIncluded() {
        Instant from = Instant.parse("2026-11-10T00:00:00Z");
        Instant to = Instant.parse("2026-11-24T00:00:00Z");
        List<TopicClustering.Asked> asked = new ArrayList<>();
        asked.add(new TopicClustering.Asked("可以用数字人民币支付吗", Instant.parse("2026-11-10T00:00:00Z")));
        asked.add(new TopicClustering.Asked("能用数字人民币付款吗", Instant.parse("2026-11-10T23:59:59Z")));
        asked.add(new TopicClustering.Asked("可以用数字人民币支付吗", Instant.parse("2026-11-23T12:00:00Z")));
        asked.add(new TopicClustering.Asked("门店有充电宝借吗", Instant.parse("2026-11-15T08:00:00Z")));
        TopicClustering.Timeline days = TopicClustering.Timeline.of(from, to, ZoneOffset.UTC);
        assertThat(days.bucket()).isEqualTo("day");
        assertThat(days.starts()).hasSize(14).startsWith(LocalDate.parse("2026-11-10"))
                .endsWith(LocalDate.parse("2026-11-23"));

        List<TopicClustering.Topic> topics = new TopicClustering(0.5).cluster(asked, 10, days);
        TopicClustering.Topic pay = topics.get(0);
        assertThat(pay.count()).isEqualTo(3);
        assertThat(pay.counts()).hasSize(14);
        assertThat(pay.counts().get(0)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-11-10"), 2));
        assertThat(pay.counts().get(13)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-11-23"), 1));
        assertThat(pay.counts()).extracting(TopicClustering.Count::count).containsOnly(0, 1, 2)
                .satisfies(c -> assertThat(c.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3));
        assertThat(topics.get(1).counts().get(5)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-11-15"), 1));

        // days are calendar days of the zone: 23:59:59 UTC on the 10th is the 11th in Shanghai
        TopicClustering.Timeline shanghai = TopicClustering.Timeline.of(from, to, ZoneId.of("Asia/Shanghai"));
        TopicClustering.Topic local = new TopicClustering(0.5).cluster(asked, 10, shanghai).get(0);
        assertThat(local.counts().get(0)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-11-10"), 1));
        assertThat(local.counts().get(1)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-11-11"), 1));
    }

    @Test
    void longPeriodsAreCountedPerWeekFromMonday() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        TopicClustering.Timeline weeks = TopicClustering.Timeline.of(from, from.plus(Duration.ofDays(365)),
                ZoneOffset.UTC);
        assertThat(weeks.bucket()).isEqualTo("week");
        assertThat(weeks.starts()).first().isEqualTo(LocalDate.parse("2025-12-29"));
        assertThat(weeks.starts()).hasSize(53);
        List<TopicClustering.Topic> topics = new TopicClustering(0.5).cluster(List.of(
                new TopicClustering.Asked("退货运费谁出", Instant.parse("2026-01-01T10:00:00Z")),
                new TopicClustering.Asked("退货运费谁出？", Instant.parse("2026-01-04T10:00:00Z")),
                new TopicClustering.Asked("退货运费谁出", Instant.parse("2026-01-05T10:00:00Z"))), 5, weeks);
        assertThat(topics.get(0).counts().get(0).count()).isEqualTo(2);
        assertThat(topics.get(0).counts().get(1)).isEqualTo(new TopicClustering.Count(LocalDate.parse("2026-01-05"), 1));
    }

    @Test
    void unrelatedQuestionsStayApart() {
        List<TopicClustering.Topic> topics = new TopicClustering(0.5).cluster(List.of(
                new TopicClustering.Asked("退货运费谁出", T), new TopicClustering.Asked("发票抬头写错了", T),
                new TopicClustering.Asked("？？？", T)), 5);
        assertThat(topics).hasSize(2);
    }

    @Test
    void phoneNumbersAndEmailsAreMasked() {
        assertThat(PersonalData.mask("我的手机13812345678，邮箱 li.lei@example.com.cn 帮我查下"))
                .isEqualTo("我的手机<phone>，邮箱 <email> 帮我查下");
        assertThat(PersonalData.mask("call me on +86 138 1234 5678 or 010-62345678"))
                .doesNotContain("1234").doesNotContain("62345678").contains("<phone>");
        assertThat(PersonalData.mask("订单 2024 年的 3 件商品")).isEqualTo("订单 2024 年的 3 件商品");
    }
}
