package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.nlu.domain.LanguageDetector;
import io.lingxi.nlu.domain.MessageInterpreter;
import io.lingxi.nlu.domain.Understanding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageInterpreterTest {

    private final MessageInterpreter interpreter = new MessageInterpreter();

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
            "退款多久到账, refund",
            "怎么开发票, invoice",
            "量子力学是什么, nlu_fallback",
            "asdfgh, nlu_fallback"})
    void classifiesTheDaysFirstIntents(String text, String intent) {
        assertThat(interpreter.interpret(text).intent().name()).isEqualTo(intent);
    }

    @ParameterizedTest
    @CsvSource({"你好, zh", "在吗, zh", "hi, en", "where is my parcel, en", "我想查order, zh", "123, other", "привет, other"})
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
