package io.lingxi.nlu.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.Entity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Annotated examples in, a name finder out: formats, tokens and offsets, and what a trained model finds. */
class NameFinderTest {

    private static NameFinderModel model;

    @BeforeAll
    static void train() {
        List<AnnotatedExample> examples = new ArrayList<>();
        for (boolean chinese : new boolean[] {true, false}) {
            for (String line : NameExamples.training(chinese)) {
                AnnotationFormats.Read read = AnnotationFormats.inline(line);
                assertThat(read.errors()).as(line).isEmpty();
                examples.add(read.example());
            }
        }
        model = new NameFinderTrainer().train(examples);
    }

    @Test
    void inlineFormReadsChineseAndEnglish() {
        AnnotatedExample zh = AnnotationFormats.inline("我想买<START:product> 小米14 <END>").example();
        assertThat(zh.text()).isEqualTo("我想买小米14");
        assertThat(zh.entities()).containsExactly(new AnnotatedExample.Annotation("product", 3, 7));
        AnnotatedExample en = AnnotationFormats.inline("my <START:product> AirPods Pro <END> are broken").example();
        assertThat(en.text()).isEqualTo("my AirPods Pro are broken");
        assertThat(en.entities()).containsExactly(new AnnotatedExample.Annotation("product", 3, 14));
        assertThat(en.inline()).isEqualTo("my <START:product> AirPods Pro <END> are broken");
        assertThat(AnnotationFormats.inline(en.inline()).example()).isEqualTo(en);
    }

    @Test
    void badAnnotationsSayWhatIsWrong() {
        assertThat(AnnotationFormats.inline("我想买<START:product> 小米14").errors())
                .containsExactly("<START:product> is never closed with <END>");
        assertThat(AnnotationFormats.inline("我想买 小米14 <END>").errors())
                .containsExactly("<END> without a <START:type> before it");
        assertThat(AnnotationFormats.inline("我想买<START:product> <END>吗").errors())
                .containsExactly("<START:product> <END> marks an empty name");
        assertThat(AnnotationFormats.inline("<START:product> a <START:city> b <END> <END>").errors())
                .anyMatch(e -> e.contains("inside the open <START:product>"));
        assertThat(AnnotationFormats.inline("买<START> 小米14 <END>").errors())
                .contains("<START> names no entity type; write e.g. <START:product>");
        assertThat(AnnotationFormats.inline("买<start product> 小米14 <END>").errors())
                .anyMatch(e -> e.contains("is not a tag this format knows"));
        assertThat(AnnotationFormats.offsets("my AirPods Pro", List.of(new AnnotatedExample.Annotation("product", 5, 14)))
                .errors()).containsExactly("'rPods Pro' (product) cuts a word in two: a name must begin and end where a"
                        + " word (or a Chinese character) does");
        assertThat(AnnotationFormats.offsets("abc", List.of(new AnnotatedExample.Annotation("product", 2, 9))).errors())
                .containsExactly("entities[0]: start 2 and end 9 must satisfy 0 <= start < end <= 3 (the text's length)");
        assertThat(AnnotationFormats.offsets("我在北京", List.of(new AnnotatedExample.Annotation("city", 2, 4),
                new AnnotatedExample.Annotation("place", 3, 4))).errors()).anyMatch(e -> e.contains("overlaps"));

        AnnotationFormats.Parsed file = AnnotationFormats.read(("# products\n我想买<START:product> 小米14 <END>\n\n"
                + "my <START:product> Pixel 8 <END\n我想买<START:product> 小米14 <END>\n"
                + "我想买<START:brand> 小米 <END>14\n").getBytes(StandardCharsets.UTF_8), false, Map.of());
        assertThat(file.examples()).isEmpty();
        assertThat(file.errors()).extracting(AnnotationFormats.Finding::where).containsExactly("line 4", "line 6");
        assertThat(file.duplicates()).extracting(AnnotationFormats.Finding::where).containsExactly("line 5");
        assertThat(AnnotationFormats.read(new byte[] {(byte) 0xC3, 0x28}, false, Map.of()).errors())
                .containsExactly(new AnnotationFormats.Finding("file", "the file is not UTF-8 text; save it as UTF-8"));
    }

    @Test
    void exactEntitiesWinOverLearnedNamesWhereTheyOverlap() {
        Entity order = new Entity("order_number", "AB12345678", "AB12345678", 3, 13);
        NameFinderModel.Merged merged = NameFinderModel.merge(List.of(order), List.of(
                new NameFinderModel.Found("product", "AB12345678", "AB12345678", 3, 13, 0.91),
                new NameFinderModel.Found("city", "上海", "上海", 14, 16, 0.88),
                new NameFinderModel.Found("product", "小米", "小米", 0, 2, 0.7)));
        assertThat(merged.entities()).extracting(Entity::type).containsExactly("product", "order_number", "city");
        assertThat(merged.confidences()).containsExactly(0.7, 1.0, 0.88);
    }

    @Test
    void tokensKeepOffsetsIntoTheOriginalText() {
        NameTokens tokens = NameTokens.of("我的ＡｉｒＰｏｄｓ　Pro坏了, 2个");
        assertThat(tokens.tokens()).containsExactly("我", "的", "AirPods", "Pro", "坏", "了", ",", "2", "个");
        assertThat(tokens.starts()).containsExactly(0, 1, 2, 10, 13, 14, 15, 17, 18);
        assertThat(tokens.ends()).containsExactly(1, 2, 9, 13, 14, 15, 16, 18, 19);
    }

    @Test
    void findsNamesItNeverSawInChineseAndEnglish() {
        for (boolean chinese : new boolean[] {true, false}) {
            List<String[]> heldOut = NameExamples.heldOut(chinese);
            int expected = 0;
            int correct = 0;
            int found = 0;
            for (String[] item : heldOut) {
                List<NameFinderModel.Found> names = model.find(item[0]);
                found += names.size();
                for (int k = 1; k < item.length; k += 2) {
                    expected++;
                    String type = item[k];
                    String name = item[k + 1];
                    int start = item[0].indexOf(name);
                    if (names.stream().anyMatch(f -> f.type().equals(type) && f.start() == start
                            && f.end() == start + name.length() && f.text().equals(name))) {
                        correct++;
                    }
                }
            }
            double recall = correct / (double) expected;
            double precision = found == 0 ? 0 : correct / (double) found;
            System.out.printf("name finder, %s held-out: %d/%d exact (recall %.2f, precision %.2f)%n",
                    chinese ? "Chinese" : "English", correct, expected, recall, precision);
            assertThat(recall).as(chinese ? "Chinese recall" : "English recall").isGreaterThanOrEqualTo(0.8);
            assertThat(precision).as(chinese ? "Chinese precision" : "English precision").isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void offsetsAndConfidenceWithFullWidthCharactersAndSpaces() {
        String text = "　我想买　ＯＰＰＯ Ｒｅｎｏ11　，谢谢";
        List<NameFinderModel.Found> names = model.find(text);
        assertThat(names).hasSize(1);
        NameFinderModel.Found found = names.get(0);
        assertThat(found.type()).isEqualTo("product");
        assertThat(found.start()).isEqualTo(5);
        assertThat(text.substring(found.start(), found.end())).isEqualTo(found.text());
        assertThat(found.text()).isEqualTo("ＯＰＰＯ Ｒｅｎｏ11");
        assertThat(found.value()).isEqualTo("OPPO Reno11");
        assertThat(found.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void aStoredModelFindsTheSameAndIsSafeAcrossThreads() throws Exception {
        NameFinderModel reloaded = NameFinderModel.fromBytes(model.toBytes());
        assertThat(reloaded.types()).containsExactly("city", "product");
        List<String> texts = NameExamples.heldOut(true).stream().map(i -> i[0]).toList();
        List<String> english = NameExamples.heldOut(false).stream().map(i -> i[0]).toList();
        List<String> all = new ArrayList<>(texts);
        all.addAll(english);
        List<List<NameFinderModel.Found>> alone = all.stream().map(model::find).toList();
        assertThat(all.stream().map(reloaded::find).toList()).isEqualTo(alone);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < all.size(); i++) {
                            if (!reloaded.find(all.get(i)).equals(alone.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
