package io.lingxi.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionKeyTest {

    @Test
    void questionsThatDifferOnlyInFormShareAKey() {
        String key = QuestionKey.of("积分怎么兑换");
        assertThat(key).isEqualTo("积分怎么兑换");
        assertThat(QuestionKey.of("请问 积分怎么兑换？")).isEqualTo(key);
        assertThat(QuestionKey.of("您好，请问积分怎么兑换呢？？")).isEqualTo(key);
        assertThat(QuestionKey.of("积分 怎么 兑换吗")).isEqualTo(key);
        assertThat(QuestionKey.of("ＡＢＣ积分怎么兑换")).isEqualTo(QuestionKey.of("abc积分怎么兑换"));
        assertThat(QuestionKey.of("Please, how do I return an item?")).isEqualTo(QuestionKey.of("how do i return an item"));
    }

    @Test
    void differentQuestionsAndMaskedTagsStayApart() {
        assertThat(QuestionKey.of("积分怎么兑换")).isNotEqualTo(QuestionKey.of("积分怎么查询"));
        assertThat(QuestionKey.of("我的手机[PHONE]收不到验证码")).isEqualTo("我的手机phone收不到验证码");
        // a question that is nothing but a particle keeps it rather than becoming empty
        assertThat(QuestionKey.of("吗")).isEqualTo("吗");
        assertThat(QuestionKey.of("请问")).isEqualTo("请问");
        assertThat(QuestionKey.of(null)).isEmpty();
    }
}
