package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScriptsTest {

    private final Scripts scripts = new Scripts(Scripts.ALL);

    @Test
    void scriptsAreDrawnByWeight() {
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(scripts.pick(random).name(), 1, Integer::sum);
        }
        assertThat(counts.get("zh-faq")).isBetween(29_000, 31_000);
        assertThat(counts.get("en-handoff")).isBetween(3_500, 4_500);
    }

    @Test
    void meanTurnsWeighsEachScriptsLength() {
        double expected = Scripts.ALL.stream().mapToDouble(s -> s.weight() * s.turns().size()).sum()
                / Scripts.ALL.stream().mapToInt(Script::weight).sum();
        assertThat(scripts.meanTurns()).isEqualTo(expected).isBetween(2.0, 4.0);
    }

    @Test
    void expectationsMatchTheSuitesRealReplies() {
        // replies as the demo tenant gives them (platform/e2e-tests, dialogue flows)
        assertThat(turn("zh-faq", 0).expected("您好！我是灵犀智能客服，有什么可以帮您？")).isTrue();
        assertThat(turn("en-faq", 0).expected("Hello! I'm Lingxi, how can I help?")).isTrue();
        assertThat(turn("zh-order", 0).expected("请提供您的订单号（例如 A2024112401），我帮您查询。")).isTrue();
        assertThat(turn("zh-order", 1).expected("订单 A2024112401 当前状态：已发货，运输中。")).isTrue();
        assertThat(turn("zh-order", 1).expected("没有识别到订单号")).isFalse();
        assertThat(turn("zh-handoff", 1).expected("正在为您转接人工客服，请稍候。")).isTrue();
    }

    @Test
    void aHandoffIsAlwaysTheLastTurn() {
        for (Script script : Scripts.ALL) {
            for (int i = 0; i < script.turns().size() - 1; i++) {
                assertThat(script.turns().get(i).text()).doesNotContain("转人工").doesNotContain("human");
            }
        }
    }

    private static Script.Turn turn(String script, int index) {
        return Scripts.ALL.stream().filter(s -> s.name().equals(script)).findFirst().orElseThrow().turns().get(index);
    }
}
