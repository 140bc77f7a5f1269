package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.Sentiment;
import io.lingxi.nlu.domain.SentimentAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "太慢了，我要投诉 | negative",
            "垃圾服务，退钱！ | negative",
            "我对这次服务很不满意 | negative",
            "不太满意 | negative",
            "我很满意，谢谢 | positive",
            "非常满意 | positive",
            "客服很耐心，点赞 | positive",
            "你好 | neutral",
            "我的快递到哪了 | neutral",
            "this is ridiculous, terrible service | negative",
            "I am not happy with this | negative",
            "not satisfied at all | negative",
            "I am very happy, thanks | positive",
            "where is my parcel | neutral",
            "not bad | neutral"})
    void labelsCustomerServiceMessages(String text, String label) {
        assertThat(analyzer.score(text).label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"满意 | 不满意", "happy | not happy", "投诉 | 垃圾！我要投诉，太过分了"})
    void negationAndAngerMoveTheScoreDown(String milder, String harsher) {
        Sentiment mild = analyzer.score(milder);
        Sentiment harsh = analyzer.score(harsher);
        assertThat(harsh.score()).isLessThan(mild.score());
        assertThat(harsh.score()).isBetween(-1.0, 0.0);
    }
}
