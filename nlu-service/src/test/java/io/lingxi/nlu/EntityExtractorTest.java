package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lingxi.contracts.events.Entity;
import io.lingxi.nlu.domain.EntityExtractor;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);

    private final EntityExtractor extractor = new EntityExtractor();

    private List<Entity> extract(String text) {
        return extractor.extract(text, TUESDAY);
    }

    @Test
    void orderNumbersFollowTheConfiguredPattern() {
        assertThat(extract("订单号是A2024112401，帮我查查"))
                .extracting(Entity::type, Entity::value, Entity::text, Entity::start, Entity::end)
                .containsExactly(tuple("order_number", "A2024112401", "A2024112401", 4, 15));
        assertThat(extract("order ab12345678 please")).extracting(Entity::value).containsExactly("AB12345678");
        EntityExtractor tenant = new EntityExtractor("LX-\\d{6}");
        assertThat(tenant.extract("my order LX-123456 and A2024112401", TUESDAY))
                .extracting(Entity::type, Entity::value, Entity::start)
                .containsExactly(tuple("order_number", "LX-123456", 9));
    }

    @Test
    void chineseMobileAndLandlineNumbersAreNormalisedToDigits() {
        assertThat(extract("我的手机是138 0013 8000，座机010-62345678"))
                .extracting(Entity::type, Entity::value, Entity::text, Entity::start, Entity::end)
                .containsExactly(
                        tuple("phone", "13800138000", "138 0013 8000", 5, 18),
                        tuple("phone", "010-62345678", "010-62345678", 21, 33));
        assertThat(extract("call me on +86 13912345678")).extracting(Entity::value).containsExactly("13912345678");
        assertThat(extract("全角号码１３９１２３４５６７８")).extracting(Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("13912345678", 4, 15));
        assertThat(extract("编号12345678901234567890")).extracting(Entity::type).doesNotContain("phone");
    }

    @Test
    void emailAddresses() {
        assertThat(extract("邮箱是Wang.Li@Example.com谢谢"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("email", "wang.li@example.com", 3, 22));
        assertThat(extract("send it to ops+cs@lingxi.io please")).extracting(Entity::value)
                .containsExactly("ops+cs@lingxi.io");
    }

    @Test
    void moneyInYuanKuaiRmbAndDollars() {
        assertThat(extract("退我¥199.5，另外那个30块，运费12元"))
                .extracting(Entity::type, Entity::value, Entity::text, Entity::start)
                .containsExactly(
                        tuple("money", "199.50 CNY", "¥199.5", 2),
                        tuple("money", "30.00 CNY", "30块", 13),
                        tuple("money", "12.00 CNY", "12元", 19));
        assertThat(extract("I paid USD 1,299 and then 20 dollars, also RMB 50"))
                .extracting(Entity::value, Entity::text)
                .containsExactly(tuple("1299.00 USD", "USD 1,299"), tuple("20.00 USD", "20 dollars"),
                        tuple("50.00 CNY", "RMB 50"));
    }

    @Test
    void chineseRelativeDatesAreResolvedFromTheReferenceDate() {
        assertThat(extract("今天下单，明天能到吗"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("date", "2026-11-24", 0, 2), tuple("date", "2026-11-25", 5, 7));
        assertThat(extract("下周三送货")).extracting(Entity::value, Entity::text)
                .containsExactly(tuple("2026-12-02", "下周三"));
        assertThat(extract("这周五或者星期天")).extracting(Entity::value)
                .containsExactly("2026-11-27", "2026-11-29");
        assertThat(extract("3月5号买的，上个月退的")).extracting(Entity::value, Entity::text)
                .containsExactly(tuple("2026-03-05", "3月5号"), tuple("2026-10", "上个月"));
        assertThat(extract("2026年1月31日的订单，3天后再说")).extracting(Entity::value)
                .containsExactly("2026-01-31", "2026-11-27");
        assertThat(extract("2月30号")).extracting(Entity::type).doesNotContain("date");
    }

    @Test
    void englishDates() {
        assertThat(extract("it should arrive tomorrow or next Monday"))
                .extracting(Entity::value, Entity::text)
                .containsExactly(tuple("2026-11-25", "tomorrow"), tuple("2026-11-30", "next Monday"));
        assertThat(extract("ordered on March 5th, returned on 2nd of April, charged last month"))
                .extracting(Entity::value)
                .containsExactly("2026-03-05", "2026-04-02", "2026-10");
    }

    @Test
    void trackingNumbersWinOverOrderNumbers() {
        assertThat(extract("顺丰单号SF1234567890123到哪了"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("tracking_number", "SF1234567890123", 4, 19));
        assertThat(extract("运单号：773012345678901"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("tracking_number", "773012345678901"));
        assertThat(extract("tracking number 1Z999AA10123456784")).extracting(Entity::type)
                .containsExactly("tracking_number");
    }

    @Test
    void idCardNumbersNeedAValidChecksum() {
        assertThat(extract("身份证11010519491231002x"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("id_card", "11010519491231002X", 3, 21));
        assertThat(extract("my ID is 440301199003071230")).extracting(Entity::type).containsExactly("id_card");
        assertThat(extract("身份证110105194912310021")).extracting(Entity::type).doesNotContain("id_card");
    }

    @Test
    void textWithoutEntities() {
        assertThat(extract("你好")).isEmpty();
        assertThat(extract("where is my parcel")).isEmpty();
    }
}
