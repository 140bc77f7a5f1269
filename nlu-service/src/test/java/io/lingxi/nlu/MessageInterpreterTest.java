package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.nlu.domain.EntityExtractor;
import io.lingxi.nlu.domain.LanguageDetector;
import io.lingxi.nlu.domain.MessageInterpreter;
import io.lingxi.nlu.domain.Understanding;
import io.lingxi.nlu.service.ActiveIntentModel;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageInterpreterTest {

    // trained once for the class: the model is shared, immutable state
    private static final MessageInterpreter interpreter = new MessageInterpreter(
            ActiveIntentModel.serving(ActiveIntentModel.defaultModel()), new EntityExtractor(),
            ZoneId.of("Asia/Shanghai"), null);

    @ParameterizedTest
    @CsvSource({
            "你好, greeting",
            "在吗, greeting",
            "hello there, greeting",
            "谢谢你, thanks",
            "thanks a lot, thanks",
            "再见, goodbye",
            "bye, goodbye",
            "转人工, request_human",
            "我要找人工客服, request_human",
            "can I talk to a human, request_human",
            "我的快递怎么还没到, logistics",
            "where is my parcel, logistics",
            "你好，我要退货, return_exchange",
            "请问怎么退货？, return_exchange",
            "How can I return something I bought?, return_exchange",
            "太慢了，我要投诉, complaint",
            "谢谢, thanks",
            "hello, greeting",
            "agent, request_human",
            "human, request_human",
            "我的包裹到哪儿了, logistics",
            "my parcel still hasn't come, logistics",
            "我想取消刚才下的订单, cancel_order",
            "I would like a refund for my order, refund",
            "發票怎麼開, invoice",
            "ＷＨＥＲＥ　ＩＳ　ＭＹ　ＰＡＣＫＡＧＥ, logistics",
            "what is quantum chromodynamics, nlu_fallback",
            "退款多久到账, refund",
            "怎么开发票, invoice",
            "量子力学是什么, nlu_fallback",
            "asdfgh, nlu_fallback"})
    void classifiesTheDaysFirstIntents(String text, String intent) {
        assertThat(interpreter.interpret(text).intent().name()).isEqualTo(intent);
    }

    @ParameterizedTest
    @CsvSource({"你好, zh", "在吗, zh", "嗨, zh", "hi, en", "ok, en", "where is my parcel, en", "我想查order, zh",
            "退款refund, zh", "please 退款 my order now, en", "123, other", "привет, other", "こんにちは, other",
            "日本語のテキスト, other", "안녕하세요, other"})
    void detectsLanguageOnShortMessages(String text, String language) {
        assertThat(new LanguageDetector().detect(text)).isEqualTo(language);
    }

    @Test
    void findsOrderNumbersWithOffsets() {
        Understanding meaning = interpreter.interpret("订单号是A2024112401，帮我查查");
        assertThat(meaning.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.type()).isEqualTo("order_number");
            assertThat(entity.value()).isEqualTo("A2024112401");
            assertThat(entity.start()).isEqualTo(4);
            assertThat(entity.end()).isEqualTo(15);
        });
    }

    @Test
    void complaintsAreNegative() {
        assertThat(interpreter.interpret("太慢了，我要投诉").sentiment().label()).isEqualTo("negative");
        assertThat(interpreter.interpret("this is ridiculous, terrible service").sentiment().label()).isEqualTo("negative");
        assertThat(interpreter.interpret("你好").sentiment().label()).isEqualTo("neutral");
    }
}
