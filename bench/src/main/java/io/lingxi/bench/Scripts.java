package io.lingxi.bench;

import io.lingxi.bench.Script.Turn;
import java.util.List;
import java.util.Random;

/**
 * The customers the benchmark plays, Chinese first and English beside: greeting and FAQ questions from the demo
 * knowledge seed, the order-status flow with its slot (order numbers of platform/demo-order-api), and a request
 * for a human, which is always the last turn (after it the bot stays silent).
 */
public final class Scripts {

    public static final List<Script> ALL = List.of(
            new Script("zh-faq", "zh", 30, List.of(
                    Turn.of("你好", "您好|你好"),
                    Turn.of("请问怎么退货？", "退"),
                    Turn.of("退款多久到账？", "退款|到账"),
                    Turn.of("谢谢", "不客气|客气|感谢|谢谢|随时"))),
            new Script("en-faq", "en", 20, List.of(
                    Turn.of("hello", "hello|hi"),
                    Turn.of("How can I return something I bought?", "return"),
                    Turn.of("thank you", "welcome|glad|thank|pleasure"))),
            new Script("zh-order", "zh", 25, List.of(
                    Turn.of("我的订单到哪了", "订单号"),
                    Turn.of("A2024112401", "A2024112401"),
                    Turn.of("谢谢", "不客气|客气|感谢|谢谢|随时"))),
            new Script("en-order", "en", 15, List.of(
                    Turn.of("where is my order", "order number"),
                    Turn.of("A2024112403", "A2024112403"))),
            new Script("zh-handoff", "zh", 6, List.of(
                    Turn.of("你好", "您好|你好"),
                    Turn.of("转人工", "人工"))),
            new Script("en-handoff", "en", 4, List.of(
                    Turn.of("I want to talk to a human", "agent|human|colleague"))));

    private final List<Script> scripts;
    private final int totalWeight;

    public Scripts(List<Script> scripts) {
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("at least one script is needed");
        }
        this.scripts = scripts;
        this.totalWeight = scripts.stream().mapToInt(Script::weight).sum();
    }

    /** A script drawn by weight. */
    public Script pick(Random random) {
        int ticket = random.nextInt(totalWeight);
        for (Script script : scripts) {
            ticket -= script.weight();
            if (ticket < 0) {
                return script;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** Turns per conversation, weighted: turns per second = conversations per second times this. */
    public double meanTurns() {
        return scripts.stream().mapToDouble(s -> (double) s.weight() * s.turns().size()).sum() / totalWeight;
    }

    public List<Script> all() {
        return scripts;
    }
}
