package io.lingxi.dialogue.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.Entity;
import io.lingxi.dialogue.flow.FlowEngine.ConnectorOutcome;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowEngineTest {

    private final FlowEngine engine = new FlowEngine();
    private final FlowSet defaults = read();
    private final Flow orderStatus = defaults.byId("order_status").orElseThrow();
    private final Flow cancelOrder = defaults.byId("cancel_order").orElseThrow();

    @Test
    void asksForTheOrderNumberThenLooksItUp() {
        FlowEngine.Result asked = engine.start(orderStatus, input("我的订单到哪了", "order_status", List.of()));
        assertThat(texts(asked)).containsExactly("请提供您的订单号（例如 A2024112401），我帮您查询。");
        assertThat(asked.state().stepId()).isEqualTo("ask_order_number");

        FlowEngine.Result lookUp = engine.onMessage(orderStatus, asked.state(),
                input("A2024112401", "nlu_fallback", List.of(order("A2024112401", 0))));
        assertThat(lookUp.connector()).isEqualTo("order_status");
        assertThat(lookUp.state().slots()).containsEntry("order_number", "A2024112401");

        FlowEngine.Result told = engine.onConnector(orderStatus, lookUp.state(), new ConnectorOutcome(
                ConnectorOutcome.Status.OK, Map.of("status_zh", "已发货", "carrier", "顺丰速运",
                        "tracking_number", "SF1", "eta", "2026-11-26")), "zh");
        assertThat(texts(told)).containsExactly("订单 A2024112401 当前状态：已发货。承运商：顺丰速运，运单号：SF1，预计送达：2026-11-26。");
        assertThat(told.ended()).isTrue();
    }

    @Test
    void anOrderNumberInTheFirstMessageSkipsTheQuestion() {
        FlowEngine.Result result = engine.start(orderStatus,
                input("where is order A2024112401", "order_status", List.of(order("A2024112401", 15)), "en"));
        assertThat(result.actions()).isEmpty();
        assertThat(result.connector()).isEqualTo("order_status");
    }

    @Test
    void unknownOrdersAndBrokenSystemsGetTheirOwnAnswers() {
        FlowState waiting = FlowState.start(orderStatus).with("order_number", "B1").at("look_up");
        assertThat(texts(engine.onConnector(orderStatus, waiting,
                new ConnectorOutcome(ConnectorOutcome.Status.NOT_FOUND, Map.of()), "en")))
                .containsExactly("I couldn't find order B1. Please check the number and try again.");
        FlowEngine.Result down = engine.onConnector(orderStatus, waiting,
                new ConnectorOutcome(ConnectorOutcome.Status.ERROR, Map.of()), "zh");
        assertThat(down.actions()).last().isInstanceOf(FlowEngine.Handoff.class);
        assertThat(down.ended()).isTrue();
    }

    @Test
    void cancellingLeavesTheFlow() {
        FlowState asked = engine.start(orderStatus, input("查订单", "order_status", List.of())).state();
        FlowEngine.Result cancelled = engine.onMessage(orderStatus, asked, input("算了", "nlu_fallback", List.of()));
        assertThat(cancelled.ended()).isTrue();
        assertThat(texts(cancelled)).containsExactly("好的，已为您取消当前操作。还有其他可以帮您的吗？");
        assertThat(engine.onMessage(orderStatus, asked, input("cancel", "nlu_fallback", List.of(), "en")).ended()).isTrue();
    }

    @Test
    void reAsksThenHandsOffAfterTooManyMisses() {
        FlowState state = engine.start(orderStatus, input("查订单", "order_status", List.of())).state();
        FlowEngine.Result first = engine.onMessage(orderStatus, state, input("不知道", "nlu_fallback", List.of()));
        assertThat(texts(first).get(0)).startsWith("没有识别到订单号");
        FlowEngine.Result second = engine.onMessage(orderStatus, first.state(), input("嗯", "nlu_fallback", List.of()));
        FlowEngine.Result third = engine.onMessage(orderStatus, second.state(), input("啊", "nlu_fallback", List.of()));
        assertThat(third.ended()).isTrue();
        assertThat(third.actions()).last().isEqualTo(new FlowEngine.Handoff("fallbacks", "general", "NORMAL"));
    }

    @Test
    void anotherQuestionMidFlowIsATopicSwitchAndKeepsTheFlow() {
        FlowState state = engine.start(orderStatus, input("查订单", "order_status", List.of())).state();
        FlowEngine.Result switched = engine.onMessage(orderStatus, state, input("怎么开发票", "invoice", List.of()));
        assertThat(switched.topicSwitch()).isTrue();
        assertThat(switched.state()).isEqualTo(state);
    }

    @Test
    void afterATopicSwitchYesResumesWithTheSlotsNoDropsAndANumberGoesOn() {
        FlowState confirming = engine.start(cancelOrder,
                input("取消订单A2024112401", "cancel_order", List.of(order("A2024112401", 4)))).state();
        // another topic at the yes/no step too
        assertThat(engine.onMessage(cancelOrder, confirming, input("退款多久到账", "refund", List.of())).topicSwitch())
                .isTrue();

        FlowEngine.Result resumed = engine.onPausedMessage(cancelOrder, confirming, input("继续", "nlu_fallback", List.of()));
        assertThat(texts(resumed)).containsExactly("确认要取消订单 A2024112401 吗？");
        assertThat(resumed.state().slots()).containsEntry("order_number", "A2024112401");
        // "好" to "shall we continue?" resumes; it does not confirm the cancellation
        assertThat(engine.onPausedMessage(cancelOrder, confirming, input("好", "nlu_fallback", List.of())).connector())
                .isNull();

        FlowEngine.Result dropped = engine.onPausedMessage(cancelOrder, confirming,
                input("no thanks", "nlu_fallback", List.of(), "en"));
        assertThat(dropped.ended()).isTrue();
        assertThat(texts(dropped)).containsExactly("OK, we'll leave that there. Is there anything else I can help you with?");
        assertThat(engine.onPausedMessage(cancelOrder, confirming, input("不用了", "deny", List.of())).ended()).isTrue();

        FlowState asking = engine.start(orderStatus, input("查订单", "order_status", List.of())).state();
        assertThat(engine.onPausedMessage(orderStatus, asking,
                input("A2024112401", "nlu_fallback", List.of(order("A2024112401", 0)))).connector())
                .isEqualTo("order_status");
        assertThat(engine.onPausedMessage(orderStatus, asking, input("怎么开发票", "invoice", List.of())).topicSwitch())
                .isTrue();
    }

    @Test
    void cancellingAnOrderAsksForConfirmationFirst() {
        FlowState state = engine.start(cancelOrder,
                input("取消订单A2024112401", "cancel_order", List.of(order("A2024112401", 4)))).state();
        assertThat(state.stepId()).isEqualTo("confirm");
        FlowEngine.Result kept = engine.onMessage(cancelOrder, state, input("不取消", "nlu_fallback", List.of()));
        assertThat(texts(kept)).containsExactly("好的，订单 A2024112401 保持不变。");
        FlowEngine.Result confirmed = engine.onMessage(cancelOrder, state, input("确认取消", "nlu_fallback", List.of()));
        assertThat(confirmed.connector()).isEqualTo("cancel_order");
    }

    private static Entity order(String number, int start) {
        return new Entity("order_number", number, number, start, start + number.length());
    }

    private static FlowEngine.Input input(String text, String intent, List<Entity> entities) {
        return input(text, intent, entities, "zh");
    }

    private static FlowEngine.Input input(String text, String intent, List<Entity> entities, String language) {
        return new FlowEngine.Input(text, intent, 0.9, entities, language);
    }

    private static List<String> texts(FlowEngine.Result result) {
        return result.actions().stream().filter(FlowEngine.Say.class::isInstance)
                .map(a -> ((FlowEngine.Say) a).text()).toList();
    }

    private static FlowSet read() {
        try (InputStream in = FlowEngineTest.class.getResourceAsStream("/flows/default-flows.json")) {
            return new ObjectMapper().readValue(in, FlowSet.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
