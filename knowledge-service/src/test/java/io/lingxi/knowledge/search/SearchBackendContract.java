package io.lingxi.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import io.lingxi.knowledge.domain.AnswerPolicy;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.domain.Thresholds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SearchBackend} must do, whatever stores the index. A subclass gives a fresh, empty backend;
 * each test fills it with a small bilingual shop FAQ and asks what a customer would.
 */
public abstract class SearchBackendContract {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");
    static final Thresholds THRESHOLDS = new Thresholds(0.5, 0.3);
    static final AnswerPolicy POLICY = new AnswerPolicy(0.05, 3);

    static final List<Faq> SHOP = List.of(
            faq("zh-shipping", "快递多久能到？", "下单后几天能收到货", "什么时候发货"),
            faq("zh-tracking", "我的快递到哪了？", "物流查询", "查一下快递单号"),
            faq("zh-returns", "怎么退货？", "退货流程是什么", "七天无理由退货怎么申请"),
            faq("zh-refund", "退款多久到账？", "退款什么时候到", "申请退款后多久能收到钱"),
            faq("zh-invoice", "怎么开发票？", "可以开增值税专用发票吗", "电子发票怎么下载"),
            faq("zh-payment", "支持哪些付款方式？", "可以用微信支付吗", "能用信用卡付款吗"),
            faq("zh-password", "忘记密码怎么办？", "怎么重置密码", "登录密码忘了"),
            faq("zh-hours", "门店营业时间是几点到几点？", "你们几点开门", "周末营业吗"),
            faq("en-delivery", "How long does delivery take?", "When will my order arrive?",
                    "How many days does shipping take?"),
            faq("en-returns", "How do I return an item?", "Can I return something I bought?",
                    "What is your return policy?"),
            faq("en-refund", "How long does a refund take?", "When will I get my money back?"),
            faq("en-invoice", "How do I get an invoice?", "Can I get a VAT invoice?"),
            faq("en-password", "I forgot my password", "How do I reset my password?"),
            new Faq("zh-draft", "t1", "双十一活动什么时候开始？", List.of("双11有什么优惠"), "草稿", "zh", "promotions",
                    List.of(), java.util.Map.of(), false, LONG_AGO, null),
            Faq.of("en-expired", "t1", "Do you ship during the Spring Festival holiday?",
                    List.of("Will orders ship over Chinese New Year?"), "expired", "en", true, LONG_AGO,
                    Instant.parse("2025-02-15T00:00:00Z")),
            Faq.of("zh-future", "t1", "年货节有哪些优惠？", List.of("年货节什么时候开始"), "future", "zh", true,
                    Instant.parse("2027-01-01T00:00:00Z"), null));

    protected SearchBackend backend;

    /** A fresh backend that holds no tenant yet. */
    protected abstract SearchBackend newBackend();

    @BeforeEach
    void fill() {
        backend = newBackend();
        backend.replaceAll("t1", SHOP, "v1");
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    Match ask(String query) {
        return POLICY.decide(backend.search("t1", query, NOW, 5), THRESHOLDS, 5);
    }

    void assertAnswers(String query, String entryId) {
        Match match = ask(query);
        assertThat(match.decision()).as(query + " → " + match).isEqualTo(Decision.ANSWERED);
        assertThat(match.hits().get(0).faq().id()).as(query).isEqualTo(entryId);
    }

    @Test
    void everyQuestionOfAnEntryAnswersItWithFullConfidence() {
        for (Faq faq : SHOP) {
            if (!faq.servableAt(NOW)) {
                continue;
            }
            for (String question : Confidence.questionsOf(faq)) {
                List<Match.Hit> hits = backend.search("t1", question, NOW, 5);
                assertThat(hits).as(question).isNotEmpty();
                assertThat(hits.get(0).faq().id()).as(question).isEqualTo(faq.id());
                assertThat(hits.get(0).score()).as(question).isEqualTo(1.0);
                assertAnswers(question, faq.id());
            }
        }
    }

    @Test
    void answersChineseParaphrases() {
        assertAnswers("请问怎么退货？", "zh-returns");
        assertAnswers("怎么退货呀", "zh-returns");
        assertAnswers("我想退货，流程是什么", "zh-returns");
        assertAnswers("退款什么时候能到账", "zh-refund");
        assertAnswers("密码忘了怎么办", "zh-password");
        assertAnswers("增值税专用发票可以开吗", "zh-invoice");
        assertAnswers("快递要多久才能到", "zh-shipping");
    }

    @Test
    void answersEnglishParaphrases() {
        assertAnswers("How can I return something I bought?", "en-returns");
        assertAnswers("what's your returns policy", "en-returns");
        assertAnswers("how do I reset my password", "en-password");
        assertAnswers("WHEN WILL MY ORDER ARRIVE", "en-delivery");
        assertAnswers("can I get a VAT invoice please", "en-invoice");
    }

    @Test
    void synonymsFindEntriesWrittenWithAnotherWord() {
        Match before = ask("包裹多久能到");
        backend.setSynonyms("t1", new SynonymDictionary(List.of(List.of("快递", "物流", "包裹"), List.of("退款", "退钱"))));
        assertAnswers("包裹多久能到", "zh-shipping");
        assertThat(backend.search("t1", "包裹多久能到", NOW, 1).get(0).score()).isEqualTo(1.0);
        assertThat(before.hits().isEmpty() || before.hits().get(0).score() < 1.0).isTrue();
        assertAnswers("退钱多久到账", "zh-refund");
        assertAnswers("我的物流到哪了", "zh-tracking");
    }

    @Test
    void stopWordsAloneMatchNothing() {
        for (String query : List.of("的了在", "你在吗？", "我的呢", "在吗在吗", "你好", "hello, is it me?", "？？？", "   ", "")) {
            assertThat(backend.search("t1", query, NOW, 5)).as(query).isEmpty();
        }
    }

    @Test
    void unrelatedQuestionsAreUnanswered() {
        for (String query : List.of("量子力学是什么", "今天天气怎么样", "what is quantum chromodynamics",
                "what is the meaning of life", "asdf qwer")) {
            assertThat(ask(query)).as(query).isEqualTo(Match.UNANSWERED);
        }
    }

    @Test
    void confidencesAreBetweenZeroAndOneBestFirst() {
        List<Match.Hit> hits = backend.search("t1", "快递 发票 退货 密码", NOW, 10);
        assertThat(hits).hasSizeGreaterThan(2);
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isGreaterThan(0).isLessThanOrEqualTo(1));
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
    }

    @Test
    void thresholdsDecideBetweenAnswerSuggestionsAndNothing() {
        Match suggested = POLICY.decide(backend.search("t1", "快递 发票 退货 密码", NOW, 10), new Thresholds(0.95, 0.01), 10);
        assertThat(suggested.decision()).isEqualTo(Decision.SUGGESTED);
        assertThat(suggested.hits()).hasSize(3);

        Match answered = POLICY.decide(backend.search("t1", "怎么退货", NOW, 10), new Thresholds(0.9, 0.01), 2);
        assertThat(answered.decision()).isEqualTo(Decision.ANSWERED);
        assertThat(answered.hits()).hasSizeLessThanOrEqualTo(2);

        Match strict = POLICY.decide(backend.search("t1", "退货要多久", NOW, 10), new Thresholds(1.0, 0.99), 10);
        assertThat(strict).isEqualTo(Match.UNANSWERED);
    }

    @Test
    void draftExpiredAndNotYetValidEntriesAreNeverServed() {
        for (String query : List.of("双十一活动什么时候开始？", "双11有什么优惠", "Do you ship during the Spring Festival holiday?",
                "年货节有哪些优惠？")) {
            assertThat(backend.search("t1", query, NOW, 20)).as(query).extracting(hit -> hit.faq().id())
                    .doesNotContain("zh-draft", "en-expired", "zh-future");
        }
        List<Match.Hit> later = backend.search("t1", "年货节有哪些优惠？", Instant.parse("2027-01-10T00:00:00Z"), 5);
        assertThat(later.get(0).faq().id()).isEqualTo("zh-future");
    }

    @Test
    void tenantsNeverSeeEachOthersEntries() {
        assertThat(backend.search("t2", "怎么退货？", NOW, 5)).isEmpty();
        backend.upsert("t2", Faq.of("t2-enterprise", "t2", "企业版怎么开通？", List.of(), "在设置中开通", "zh", true,
                LONG_AGO, null));
        assertThat(backend.search("t2", "怎么退货？", NOW, 5)).extracting(hit -> hit.faq().id())
                .doesNotContain("zh-returns");
        assertThat(backend.search("t1", "企业版怎么开通？", NOW, 5)).extracting(hit -> hit.faq().id())
                .doesNotContain("t2-enterprise");
        assertThat(backend.search("t2", "企业版怎么开通？", NOW, 5).get(0).faq().id()).isEqualTo("t2-enterprise");
        assertThat(backend.size("t1")).isEqualTo(SHOP.size());
        assertThat(backend.size("t2")).isEqualTo(1);
    }

    @Test
    void changesAreVisibleToTheNextSearch() {
        backend.upsert("t1", Faq.of("zh-returns", "t1", "如何申请退货退款？", List.of(), "新的退货说明", "zh", true,
                LONG_AGO, null));
        assertThat(backend.search("t1", "如何申请退货退款？", NOW, 1).get(0).faq().answer()).isEqualTo("新的退货说明");
        assertThat(backend.search("t1", "七天无理由退货怎么申请", NOW, 5)).allSatisfy(
                hit -> assertThat(hit.score()).isLessThan(1.0));

        backend.delete("t1", "zh-returns");
        backend.delete("t1", "no-such-entry");
        assertThat(backend.search("t1", "如何申请退货退款？", NOW, 10)).extracting(hit -> hit.faq().id())
                .doesNotContain("zh-returns");
        assertThat(backend.size("t1")).isEqualTo(SHOP.size() - 1);

        backend.replaceAll("t1", List.of(SHOP.get(0)), "v2");
        assertThat(backend.size("t1")).isEqualTo(1);
        assertThat(backend.sourceVersion("t1")).contains("v2");
        assertThat(backend.search("t1", "怎么开发票？", NOW, 5)).extracting(hit -> hit.faq().id())
                .doesNotContain("zh-invoice");
    }

    @Test
    void editorsLookUpEntriesAsTheyType() {
        assertThat(backend.lookup("t1", "retu", 5)).extracting(Faq::id).contains("en-returns");
        assertThat(backend.lookup("t1", "双十一", 5)).extracting(Faq::id).contains("zh-draft");
        assertThat(backend.lookup("t1", "发票", 5)).extracting(Faq::id).first().isEqualTo("zh-invoice");
        assertThat(backend.lookup("t2", "发票", 5)).isEmpty();
    }

    @Test
    void remembersWhichSourceVersionItHolds() {
        assertThat(backend.sourceVersion("t1")).contains("v1");
        assertThat(backend.sourceVersion("unknown")).isEmpty();
        backend.markSourceVersion("t1", "v7");
        assertThat(backend.sourceVersion("t1")).contains("v7");
    }

    static Faq faq(String id, String question, String... similar) {
        return Faq.of(id, "t1", question, List.of(similar), "answer of " + id, id.substring(0, 2), true, LONG_AGO,
                null);
    }
}
