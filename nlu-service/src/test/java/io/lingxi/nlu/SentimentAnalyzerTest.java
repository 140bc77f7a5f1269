package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lingxi.contracts.events.Sentiment;
import io.lingxi.nlu.domain.SentimentAnalyzer;
import io.lingxi.nlu.model.TextNormalizer;
import io.lingxi.nlu.sentiment.SentimentBenchmark;
import io.lingxi.nlu.sentiment.SentimentExample;
import io.lingxi.nlu.sentiment.SentimentModel;
import io.lingxi.nlu.sentiment.SentimentResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the complaint, urgency and anger cues
            "投诉 | negative",
            "太慢了 | negative",
            "垃圾 | negative",
            "退钱 | negative",
            "this is ridiculous | negative",
            "太慢了，我要投诉 | negative",
            "垃圾服务，退钱！ | negative",
            "我对这次服务很不满意 | negative",
            "this is ridiculous, terrible service | negative",
            "I am very happy, thanks | positive",
            "我很满意，谢谢 | positive",
            "客服很耐心，点赞 | positive",
            "thank you 😊 | positive",
            "👍 | positive",
            "😡 | negative",
            "又坏了😡 | negative",
            // plain questions and the messages the end-to-end test sends stay neutral
            "你好 | neutral",
            "我的快递怎么还没到 | neutral",
            "还要等多久 | neutral",
            "请问怎么退货？ | neutral",
            "转人工 | neutral",
            "hello | neutral",
            "where is my parcel | neutral",
            "How can I return something I bought? | neutral",
            "what is quantum chromodynamics | neutral"})
    void labelsCustomerServiceMessages(String text, String label) {
        assertThat(analyzer.score(text).label()).as(text).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // negation makes a positive word negative ...
            "满意 | positive | 不满意 | negative",
            "很满意 | positive | 不太满意 | negative",
            "很好 | positive | 不好 | negative",
            "I am happy | positive | I am not happy | negative",
            "satisfied | positive | not satisfied | negative",
            "good | positive | not good | negative",
            // ... and a negative one not negative
            "产品有很多问题 | negative | 没有问题了，谢谢 | positive",
            "I'm angry | negative | I'm not angry, just asking | neutral",
            "bad | negative | not bad at all, actually quite good | positive",
            "不满意 | negative | 不是不满意，只是想问一下 | neutral",
            "I have a complaint | negative | I have no complaints | positive",
            "thanks | positive | no problem, thanks | positive",
            "I would recommend you | positive | I would never recommend you | negative"})
    void negationTurnsTheLabel(String plain, String plainLabel, String negated, String negatedLabel) {
        assertThat(analyzer.score(plain).label()).as(plain).isEqualTo(plainLabel);
        assertThat(analyzer.score(negated).label()).as(negated).isEqualTo(negatedLabel);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "垃圾服务，退钱！",
            "垃圾！骗子！退钱！！！",
            "太慢了，我要投诉",
            "this is ridiculous, worst service ever!!!",
            "I'm furious, this is a scam"})
    void angerIsStronglyNegativeForTheDialogueHandoff(String text) {
        // dialogue-service hands a conversation to a human at once at -0.7 or below
        Sentiment sentiment = analyzer.score(text);
        assertThat(sentiment.label()).isEqualTo("negative");
        assertThat(sentiment.score()).as(text).isLessThanOrEqualTo(-0.7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a bit slow", "都三天了还没发货", "the delivery is late again"})
    void aMildComplaintIsNegativeButNotStronglySo(String text) {
        Sentiment sentiment = analyzer.score(text);
        assertThat(sentiment.label()).isEqualTo("negative");
        assertThat(sentiment.score()).as(text).isBetween(-0.69, -0.3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"满意 | 不满意", "happy | not happy", "投诉 | 垃圾！我要投诉，太过分了",
            "有点慢 | 太慢了", "late | so late, this is ridiculous!!!"})
    void negationAndAngerMoveTheScoreDown(String milder, String harsher) {
        Sentiment mild = analyzer.score(milder);
        Sentiment harsh = analyzer.score(harsher);
        assertThat(harsh.score()).as(harsher + " vs " + milder).isLessThan(mild.score());
        assertThat(harsh.score()).isBetween(-1.0, 0.0);
    }

    @Test
    void heldOutAccuracyAndMacroF1() {
        // the hand-written held-out file is never trained on; measured 93% (see README, Sentiment)
        List<SentimentExample> heldOut = SentimentExample.heldOut();
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(360);
        SentimentBenchmark.Report all = SentimentBenchmark.evaluate(heldOut, text -> analyzer.analyze(text).label());
        assertThat(all.accuracy()).isGreaterThanOrEqualTo(0.90);
        assertThat(all.macroF1()).isGreaterThanOrEqualTo(0.90);
        for (boolean chinese : new boolean[] {true, false}) {
            List<SentimentExample> language = heldOut.stream()
                    .filter(e -> e.text().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF) == chinese).toList();
            assertThat(language).hasSizeGreaterThanOrEqualTo(180);
            assertThat(SentimentBenchmark.evaluate(language, text -> analyzer.analyze(text).label()).accuracy())
                    .as(chinese ? "Chinese" : "English").isGreaterThanOrEqualTo(0.88);
        }
    }

    @Test
    void labelScoreAndConfidenceAgreeOnEveryHeldOutMessage() {
        for (SentimentExample example : SentimentExample.heldOut()) {
            SentimentResult result = analyzer.analyze(example.text());
            assertThat(result.score()).isBetween(-1.0, 1.0);
            assertThat(result.confidence()).isBetween(0.33, 1.0);
            switch (result.label()) {
                case "negative" -> assertThat(result.score()).as(example.text()).isLessThanOrEqualTo(-SentimentModel.BAND);
                case "positive" -> assertThat(result.score()).as(example.text()).isGreaterThanOrEqualTo(SentimentModel.BAND);
                default -> assertThat(result.score()).as(example.text())
                        .isStrictlyBetween(-SentimentModel.BAND, SentimentModel.BAND);
            }
        }
    }

    @Test
    void shippedDataIsLargeEnoughBalancedAndKeptApartFromTheHeldOutFile() {
        List<SentimentExample> training = SentimentExample.training();
        for (String label : SentimentModel.LABELS) {
            long chinese = training.stream().filter(e -> e.label().equals(label))
                    .filter(e -> e.text().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)).count();
            long other = training.stream().filter(e -> e.label().equals(label)).count() - chinese;
            assertThat(chinese).as(label + " zh").isGreaterThanOrEqualTo(250);
            assertThat(other).as(label + " en").isGreaterThanOrEqualTo(250);
        }
        Map<String, String> labels = new HashMap<>();
        for (SentimentExample example : training) {
            String previous = labels.put(key(example.text()), example.label());
            assertThat(previous).as("labelled twice: " + example.text()).isNull();
        }
        Set<String> heldOut = SentimentExample.heldOut().stream().map(e -> key(e.text())).collect(Collectors.toSet());
        assertThat(heldOut).as("held-out messages in the training data").doesNotContainAnyElementsOf(labels.keySet());
    }

    /** Texts that differ only in case, width, spacing or the digits of a number are the same message; emoji are kept. */
    private static String key(String text) {
        StringBuilder emoji = new StringBuilder();
        text.codePoints().filter(c -> c > 0xFFFF || (c >= 0x2600 && c <= 0x27BF)).forEach(emoji::appendCodePoint);
        return TextNormalizer.normalize(text) + "|" + emoji;
    }

    @Test
    void aModelNeedsAllThreeLabels() {
        List<SentimentExample> twoLabels = List.of(new SentimentExample("好", "positive"),
                new SentimentExample("差", "negative"));
        assertThatThrownBy(() -> SentimentModel.train(twoLabels, SentimentModel.Settings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three labels");
        assertThatThrownBy(() -> new SentimentExample("好", "happy")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentimentExample(" ", "neutral")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyAndOddInputIsNeutral() {
        assertThat(analyzer.score("").label()).isEqualTo("neutral");
        assertThat(analyzer.score("123456").label()).isEqualTo("neutral");
        assertThat(analyzer.score("https://example.com/a.png").label()).isEqualTo("neutral");
    }
}
