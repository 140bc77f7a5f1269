package io.lingxi.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaqMatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

    private static final List<Faq> FAQS = List.of(
            faq("zh-returns", "怎么退货？", "退货流程是什么", "买的东西不想要了可以退吗", "七天无理由退货怎么申请"),
            faq("zh-tracking", "我的快递到哪了？", "物流查询", "我的快递在哪里", "包裹到哪里了"),
            faq("zh-shipping", "快递多久能到？", "快递多久到", "下单后几天能收到货", "什么时候发货"),
            faq("zh-invoice", "怎么开发票？", "发票在哪里申请", "电子发票怎么下载"),
            faq("zh-order-status", "我的订单在哪里呢？"),
            faq("en-returns", "How do I return an item?", "Can I return something I bought?",
                    "What is your return policy?"),
            faq("en-tracking", "Where is my parcel?", "How can I track my order?", "Where is my package?"),
            faq("en-password", "I forgot my password", "How do I reset my password?"),
            faq("en-refund", "How long does a refund take?", "When will I get my money back?",
                    "My refund has not arrived yet"),
            faq("en-delivery", "How long does delivery take?", "When will my order arrive?"),
            new Faq("zh-draft", "demo", "双十一活动什么时候开始？", List.of("双11有什么优惠"), "草稿", "zh", "promotions",
                    false, LONG_AGO, null),
            new Faq("en-expired", "demo", "Do you ship during the Spring Festival holiday?", List.of(), "expired",
                    "en", "logistics", true, LONG_AGO, Instant.parse("2025-02-15T00:00:00Z")),
            new Faq("zh-future", "demo", "年货节有哪些优惠？", List.of(), "即将上线", "zh", "promotions", true,
                    Instant.parse("2027-01-10T00:00:00Z"), null));

    private static final FaqIndex INDEX = FaqIndex.of(FAQS);
    private final FaqMatcher matcher = new FaqMatcher(0.5, 0.3, 0.05, 3);

    @Test
    void normalisesFullWidthCaseAndPunctuation() {
        assertThat(TextFeatures.normalise("ＨＯＷ ＤＯ Ｉ　ＲＥＴＵＲＮ？！")).isEqualTo("how do i return");
        assertThat(TextFeatures.normalise("怎么退货？？")).isEqualTo("怎么退货");
        assertThat(TextFeatures.normalise("「申请售后」→「退货」")).isEqualTo("申请售后 退货");
        assertThat(TextFeatures.normalise("ｉＰｈｏｎｅ１５，怎么保修")).isEqualTo("iphone15 怎么保修");
        assertThat(TextFeatures.normalise(null)).isEmpty();
    }

    @Test
    void chineseBecomesBigramsWithoutParticlesOrPronouns() {
        assertThat(TextFeatures.of("我的快递呢？").weights()).containsOnlyKeys("快递");
        assertThat(TextFeatures.of("怎么退货").weights())
                .containsEntry("退货", TextFeatures.CONTENT_WEIGHT)
                .containsEntry("怎么", TextFeatures.FUNCTION_WEIGHT)
                .doesNotContainKey("么退");
        assertThat(TextFeatures.of("退").weights()).containsOnlyKeys("退");
        assertThat(TextFeatures.of("你在吗？了吗呢，我的")).isEqualTo(TextFeatures.EMPTY);
        assertThat(TextFeatures.of("你好，谢谢")).isEqualTo(TextFeatures.EMPTY);
    }

    @Test
    void englishBecomesStemmedWordsWithoutStopWords() {
        assertThat(TextFeatures.of("How do I return these items?").weights()).containsOnlyKeys("how", "return", "item");
        assertThat(TextFeatures.of("the of my is a").weights()).isEmpty();
        assertThat(TextFeatures.stem("returned")).isEqualTo(TextFeatures.stem("returning")).isEqualTo("return");
        assertThat(TextFeatures.stem("shipping")).isEqualTo("ship");
        assertThat(TextFeatures.stem("cancelled")).isEqualTo("cancel");
        assertThat(TextFeatures.stem("changed")).isEqualTo(TextFeatures.stem("change"));
        assertThat(TextFeatures.stem("addresses")).isEqualTo("address");
        assertThat(TextFeatures.stem("deliveries")).isEqualTo("delivery");
    }

    @Test
    void similarityIsOneForTheSameQuestionAndZeroForNothingInCommon() {
        assertThat(TextFeatures.similarity(TextFeatures.of("怎么退货？"), TextFeatures.of("怎么 退货"))).isEqualTo(1.0);
        assertThat(TextFeatures.similarity(TextFeatures.of("Where is my parcel?"), TextFeatures.of("WHERE IS MY PARCEL")))
                .isEqualTo(1.0);
        assertThat(TextFeatures.similarity(TextFeatures.of("怎么退货"), TextFeatures.of("发票抬头"))).isZero();
        // without stop characters these two would share 我的 and 的订
        assertThat(TextFeatures.similarity(TextFeatures.of("我的呢"), TextFeatures.of("我的订单呢"))).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "怎么退货呀, zh-returns",
            "我想退货, zh-returns",
            "退货流程是怎样的, zh-returns",
            "买的东西不想要了，能退吗？, zh-returns",
            "快递到哪了, zh-tracking",
            "我的快递在哪里呀, zh-tracking",
            "快递多久到啊, zh-shipping",
            "能开发票吗, zh-invoice",
            "ＦＡＰＩＡＯ 怎么开发票？, zh-invoice"})
    void answersChineseParaphrases(String query, String entryId) {
        Match match = matcher.match(query, INDEX, NOW, 5);
        assertThat(match.decision()).as(query).isEqualTo(Decision.ANSWERED);
        assertThat(match.hits().get(0).faq().id()).as(query).isEqualTo(entryId);
        assertThat(match.hits().get(0).score()).isBetween(0.5, 1.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "how can I return something I bought | en-returns",
            "What's your returns policy? | en-returns",
            "ＨＯＷ ＤＯ Ｉ ＲＥＴＵＲＮ ＡＮ ＩＴＥＭ？ | en-returns",
            "where is my package | en-tracking",
            "I'd like to track my order | en-tracking",
            "I forgot my password, how do I reset it? | en-password",
            "when will my refund arrive | en-refund"})
    void answersEnglishParaphrases(String query, String entryId) {
        Match match = matcher.match(query, INDEX, NOW, 5);
        assertThat(match.decision()).as(query).isEqualTo(Decision.ANSWERED);
        assertThat(match.hits().get(0).faq().id()).as(query).isEqualTo(entryId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"量子力学是什么", "今天天气怎么样", "你们老板是谁", "what is the meaning of life",
            "I want to buy a new phone", "asdf qwer", "？？？", "", "   "})
    void leavesUnrelatedTextUnanswered(String query) {
        assertThat(matcher.match(query, INDEX, NOW, 5)).isEqualTo(Match.UNANSWERED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"你在吗？", "我的呢", "在吗在吗", "我在你的呢了吗", "你好", "hello, is it me?"})
    void particlesAndPronounsAloneMatchNothing(String query) {
        // "我的订单在哪里呢？" is full of them, yet none of these queries may reach it
        assertThat(matcher.match(query, INDEX, NOW, 5)).isEqualTo(Match.UNANSWERED);
    }

    @Test
    void aPartialMatchIsOnlySuggested() {
        Match match = matcher.match("春节期间还发货吗", INDEX, NOW, 5);
        assertThat(match.decision()).isEqualTo(Decision.SUGGESTED);
        assertThat(match.hits()).extracting(hit -> hit.faq().id()).containsExactly("zh-shipping");
        assertThat(match.hits().get(0).score()).isBetween(0.3, 0.5);
    }

    @Test
    void twoEquallyGoodEntriesAreSuggestedNotAnswered() {
        Match match = matcher.match("How long does it take?", INDEX, NOW, 5);
        assertThat(match.decision()).isEqualTo(Decision.SUGGESTED);
        assertThat(match.hits()).extracting(hit -> hit.faq().id()).startsWith("en-delivery", "en-refund");
    }

    @Test
    void suggestionsAreCappedAtThreeAndHitsAtTheLimit() {
        FaqMatcher generous = new FaqMatcher(0.95, 0.05, 0.05, 3);
        Match suggested = generous.match("快递 发票 退货 订单", INDEX, NOW, 10);
        assertThat(suggested.decision()).isEqualTo(Decision.SUGGESTED);
        assertThat(suggested.hits()).hasSize(3);

        Match answered = generous.match("我的快递到哪了", INDEX, NOW, 2);
        assertThat(answered.decision()).isEqualTo(Decision.ANSWERED);
        assertThat(answered.hits()).hasSize(2);
        assertThat(answered.hits().get(0).score()).isEqualTo(1.0);
        assertThat(answered.hits().get(0).score()).isGreaterThanOrEqualTo(answered.hits().get(1).score());
    }

    @Test
    void draftExpiredAndNotYetValidEntriesAreNeverServed() {
        for (String query : List.of("双十一活动什么时候开始？", "双11有什么优惠", "Do you ship during the Spring Festival holiday?",
                "年货节有哪些优惠？")) {
            assertThat(matcher.match(query, INDEX, NOW, 5).hits()).as(query)
                    .extracting(hit -> hit.faq().id())
                    .doesNotContain("zh-draft", "en-expired", "zh-future");
        }
        Match whenValid = matcher.match("年货节有哪些优惠？", INDEX, Instant.parse("2027-01-10T00:00:00Z"), 5);
        assertThat(whenValid.decision()).isEqualTo(Decision.ANSWERED);
        assertThat(whenValid.hits().get(0).faq().id()).isEqualTo("zh-future");
    }

    @Test
    void anEmptyKnowledgeBaseAnswersNothing() {
        assertThat(matcher.match("怎么退货", FaqIndex.EMPTY, NOW, 5)).isEqualTo(Match.UNANSWERED);
    }

    @Test
    void refusesThresholdsThatContradictEachOther() {
        assertThatThrownBy(() -> new FaqMatcher(0.3, 0.5, 0.05, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaqMatcher(0.5, 0, 0.05, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaqMatcher(1.5, 0.3, 0.05, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaqMatcher(0.5, 0.3, 0.05, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Faq faq(String id, String question, String... similar) {
        return new Faq(id, "demo", question, List.of(similar), "answer of " + id, id.substring(0, 2), "test", true,
                LONG_AGO, null);
    }
}
