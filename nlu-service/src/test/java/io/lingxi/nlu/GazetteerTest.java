package io.lingxi.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.Entity;
import io.lingxi.nlu.domain.Gazetteer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private final Gazetteer dictionary = new Gazetteer(List.of(
            new Gazetteer.Entry("product", "iPhone 15 Pro", List.of("苹果15pro", "15 pro")),
            new Gazetteer.Entry("product", "iPhone 15", List.of("苹果15", "爱疯15")),
            new Gazetteer.Entry("brand", "华为", List.of("HUAWEI", "華為")),
            new Gazetteer.Entry("product", "Pro", List.of())));

    @Test
    void findsChineseTermsAndSynonymsWithTheCanonicalValueAndOffsets() {
        String text = "我买的苹果15pro屏幕坏了，华为的也不行";
        List<Entity> found = dictionary.find(text);

        assertThat(found).containsExactly(
                new Entity("product", "iPhone 15 Pro", "苹果15pro", 3, 10),
                new Entity("brand", "华为", "华为", 15, 17));
        assertThat(text.substring(3, 10)).isEqualTo("苹果15pro");
    }

    @Test
    void theLongestTermWinsAndMatchesNeverOverlap() {
        assertThat(dictionary.find("is the iPhone 15 Pro in stock? or just the iPhone 15"))
                .extracting(Entity::value, Entity::text, Entity::start)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("iPhone 15 Pro", "iPhone 15 Pro", 7),
                        org.assertj.core.groups.Tuple.tuple("iPhone 15", "iPhone 15", 43));
    }

    @Test
    void ignoresCaseFullWidthAndTraditionalCharactersButNotPartsOfWords() {
        assertThat(dictionary.find("ＨＵＡＷＥＩ手机和華為平板")).extracting(Entity::value, Entity::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("华为", "ＨＵＡＷＥＩ"),
                        org.assertj.core.groups.Tuple.tuple("华为", "華為"));
        // "pro" inside "product" or "iphone 150" is not a match
        assertThat(dictionary.find("which product is best, the iphone 150?")).isEmpty();
        assertThat(dictionary.find("the PRO model")).extracting(Entity::value).containsExactly("Pro");
        assertThat(Gazetteer.EMPTY.find("华为")).isEmpty();
    }

    @Test
    void patternEntitiesWinOverlaps() {
        Entity order = new Entity("order_number", "PRO12345678", "pro12345678", 4, 15);
        Entity brand = new Entity("brand", "华为", "华为", 0, 2);
        Entity overlapping = new Entity("product", "Pro", "pro", 4, 7);
        assertThat(Gazetteer.merge(List.of(order), List.of(overlapping, brand))).containsExactly(brand, order);
    }
}
