package io.lingxi.analytics.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {

    private final PersonalDataMasker masker = new PersonalDataMasker();

    @Test
    void theTestSetIsMaskedWithHighRecallAndNoLookAlikeIsTouched() {
        MaskingEvaluation evaluation = MaskingEvaluation.run(masker, MaskingEvaluation.testSet());
        System.out.print(evaluation.report());

        assertThat(evaluation.lookAlikes).isGreaterThanOrEqualTo(40);
        assertThat(evaluation.lookAlikesTouched).as(evaluation.report()).isZero();
        evaluation.tallies.forEach((kind, tally) -> {
            assertThat(tally.expected).as("examples of %s", kind).isGreaterThanOrEqualTo(6);
            assertThat(tally.recall()).as("recall of %s%n%s", kind, evaluation.report()).isGreaterThanOrEqualTo(0.99);
        });
        assertThat(evaluation.falsePositives).as(evaluation.report()).isEmpty();
    }

    @Test
    void tagStyleLeavesNothingOfTheValue() {
        MaskedText masked = masker.mask("我叫张三，手机13912345678，身份证440306199003071232，邮箱zs@example.com，"
                + "卡号6222021234567890128，住北京市朝阳区建国路88号", MaskingPolicy.ALL_TAGGED);

        assertThat(masked.text()).isEqualTo("我叫[NAME]，手机[PHONE]，身份证[IDCARD]，邮箱[EMAIL]，卡号[BANKCARD]，住[ADDRESS]");
        assertThat(masked.findings()).extracting(Finding::kind).containsExactly(PersonalDataKind.NAME,
                PersonalDataKind.PHONE, PersonalDataKind.ID_CARD, PersonalDataKind.EMAIL, PersonalDataKind.BANK_CARD,
                PersonalDataKind.ADDRESS);
    }

    @Test
    void partialStyleKeepsEnoughToTellValuesApart() {
        MaskingPolicy partial = new MaskingPolicy(EnumSet.allOf(PersonalDataKind.class), MaskStyle.PARTIAL);

        assertThat(masker.mask("手机138 1234 5678", partial).text()).isEqualTo("手机138****5678");
        assertThat(masker.mask("+86 13812345678", partial).text()).isEqualTo("+138****5678");
        assertThat(masker.mask("身份证11010519491231002x", partial).text()).isEqualTo("身份证110***********002X");
        assertThat(masker.mask("卡6222021234567890128", partial).text()).isEqualTo("卡6222 **** **** 0128");
        assertThat(masker.mask("mail zhangwei@example.com", partial).text()).isEqualTo("mail z***@example.com");
        assertThat(masker.mask("我叫王小明", partial).text()).isEqualTo("我叫王**");
        assertThat(masker.mask("寄到广东省深圳市南山区科技园路1号", partial).text()).isEqualTo("寄到广东省深圳市****");
    }

    @Test
    void onlyTheKindsOfThePolicyAreMasked() {
        MaskingPolicy phonesOnly = new MaskingPolicy(EnumSet.of(PersonalDataKind.PHONE), MaskStyle.TAG);

        MaskedText masked = masker.mask("我叫李娜，手机13912345678，邮箱ln@example.com", phonesOnly);

        assertThat(masked.text()).isEqualTo("我叫李娜，手机[PHONE]，邮箱ln@example.com");
        assertThat(masker.mask("13912345678", new MaskingPolicy(EnumSet.noneOf(PersonalDataKind.class), MaskStyle.TAG))
                .text()).isEqualTo("13912345678");
    }

    @Test
    void checkDigitsDecideForIdAndBankCards() {
        assertThat(masker.mask("身份证440306199003071233", MaskingPolicy.ALL_TAGGED).findings())
                .noneMatch(f -> f.kind() == PersonalDataKind.ID_CARD);
        assertThat(masker.mask("卡号6222021234567890127", MaskingPolicy.ALL_TAGGED).findings()).isEmpty();
        assertThat(PersonalDataMasker.luhn("4111111111111111")).isTrue();
        assertThat(PersonalDataMasker.validIdCard("11010519491231002X")).isTrue();
    }

    @Test
    void emptyAndNullTextsPassThrough() {
        assertThat(masker.mask(null, MaskingPolicy.ALL_TAGGED).text()).isNull();
        assertThat(masker.mask("", MaskingPolicy.ALL_TAGGED).text()).isEmpty();
        assertThat(masker.mask("你好", MaskingPolicy.ALL_TAGGED).findings()).isEmpty();
    }
}
