package io.lingxi.nlu.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.IntentScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IntentModelTest {

    private static final IntentModel MODEL = new IntentTrainer().trainCalibrated(TrainingData.defaults(), "test",
            p -> { });

    @Test
    void normalisesWidthCaseTraditionalCharactersAndPlaceholders() {
        assertThat(TextNormalizer.normalize("ＷＨＥＲＥ　ＩＳ  my Parcel？")).isEqualTo("where is my parcel?");
        assertThat(TextNormalizer.normalize("發票怎麼開")).isEqualTo("发票怎么开");
        assertThat(TextNormalizer.normalize("订单12345678在 https://shop.example.com/a?b=1 看 a@b.cn 😀"))
                .isEqualTo("订单 ⟨num⟩ 在 ⟨url⟩ 看 ⟨email⟩ ⟨emoji⟩");
    }

    @Test
    void featuresCoverChineseRunsAndEnglishWordsInMixedText() {
        List<String> features = Arrays.asList(new IntentFeatures().extract(TextNormalizer.normalize("退款refunds")));
        assertThat(features).contains("c:退", "b:^退", "b:退款", "b:款$", "t:^退款", "w:refund", "g:<ref", "g:fund", "g:nds>");
        List<String> english = Arrays.asList(new IntentFeatures().extract("where is my parcel"));
        assertThat(english).contains("w:where", "wb:^_where", "wb:my_parcel", "wb:parcel_$");
    }

    @Test
    void theHotPathHashesExactlyTheNamedFeatures() {
        IntentFeatures features = new IntentFeatures();
        for (LabeledText example : TrainingData.defaults()) {
            String normalized = TextNormalizer.normalize(example.text());
            long[] expected = Arrays.stream(features.extract(normalized)).mapToLong(IntentFeatures::hash).sorted()
                    .distinct().toArray();
            assertThat(features.hashes(normalized)).as(example.text()).containsExactly(expected);
        }
    }

    @Test
    void aModelSurvivesStorageAsBytesAndRejectsGarbage() throws Exception {
        IntentModel copy = IntentModel.fromBytes(MODEL.toBytes());
        assertThat(copy.version()).isEqualTo(MODEL.version());
        assertThat(copy.threshold()).isEqualTo(MODEL.threshold());
        for (String text : List.of("我想申请退款", "where is my parcel", "发票怎么开", "zzqx vbnm")) {
            assertThat(copy.rank(text, 3)).isEqualTo(MODEL.rank(text, 3));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IntentModel.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void versionsStoredInEarlierFormatsStillLoad() throws Exception {
        // a model that formats 1 and 2 could express (one weight per member for every script), its bytes rewritten
        // as they wrote them: format 1 had no raw-word and skip-bigram flags, neither had the second member weights
        IntentFeatures.Options d = IntentFeatures.Options.DEFAULT;
        IntentModel model = new IntentTrainer(IntentTrainer.Settings.DEFAULT.withAlgorithm("MAXENT_QN+NAIVEBAYES:0.3", 40)
                .withFeatures(new IntentFeatures.Options(d.hanTrigrams(), d.wordBigrams(), d.charGramMin(),
                        d.charGramMax(), d.wordTrigrams(), d.hanFourGrams()))).train(TrainingData.defaults(), "old");
        for (int format : new int[] {1, 2}) {
            IntentModel old = IntentModel.fromBytes(asFormat(model.toBytes(), format));
            for (String text : List.of("我想申请退款", "where is my parcel", "我的parcel到哪了")) {
                assertThat(old.rank(text, 3)).as("format %d: %s", format, text).isEqualTo(model.rank(text, 3));
            }
        }
    }

    private static byte[] asFormat(byte[] current, int format) throws java.io.IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(current)));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
            assertThat(in.readInt()).isEqualTo(3);
            out.writeInt(format);
            out.writeUTF(in.readUTF());
            out.writeDouble(in.readDouble());
            out.writeDouble(in.readDouble());
            out.writeBoolean(in.readBoolean());
            out.writeBoolean(in.readBoolean());
            out.writeInt(in.readInt());
            out.writeInt(in.readInt());
            out.writeBoolean(in.readBoolean());
            out.writeBoolean(in.readBoolean());
            boolean rawWords = in.readBoolean();
            boolean skipBigrams = in.readBoolean();
            if (format >= 2) {
                out.writeBoolean(rawWords);
                out.writeBoolean(skipBigrams);
            }
            int outcomes = in.readInt();
            out.writeInt(outcomes);
            for (int i = 0; i < outcomes; i++) {
                out.writeUTF(in.readUTF());
            }
            int members = in.readInt();
            out.writeInt(members);
            for (int m = 0; m < members; m++) {
                double weight = in.readDouble();
                assertThat(in.readDouble()).isEqualTo(weight);
                out.writeDouble(weight);
                LinearScorer.read(in).write(out);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void naiveBayesWeighsAsTheTextsScriptSays() {
        assertThat(IntentFeatures.hanShare(TextNormalizer.normalize("我的快递到哪了"))).isEqualTo(1.0);
        assertThat(IntentFeatures.hanShare(TextNormalizer.normalize("where is my parcel"))).isEqualTo(0.0);
        // placeholders are not English: an order number does not move Chinese text towards the English mix
        assertThat(IntentFeatures.hanShare(TextNormalizer.normalize("订单12345678到哪了"))).isEqualTo(1.0);
        assertThat(IntentFeatures.hanShare(TextNormalizer.normalize("快递parcel"))).isEqualTo(2 / 8.0);
        assertThat(IntentFeatures.hanShare("123 ?")).isEqualTo(1.0);
        IntentTrainer trainer = new IntentTrainer();
        assertThat(trainer.weights()).containsExactly(1.0, 0.3);
        assertThat(trainer.latinWeights()).containsExactly(1.0, 0.2);

        // the same learners with one mix for every script answer Chinese text alike and English text differently
        List<opennlp.tools.ml.model.AbstractModel> learners = trainer.learners(trainer.events(TrainingData.defaults()));
        IntentModel split = IntentModel.of(learners, trainer.weights(), trainer.latinWeights(), trainer.features(), 1.0,
                0.0, "split");
        IntentModel chinese = IntentModel.of(learners, trainer.weights(), trainer.features(), 1.0, 0.0, "zh");
        IntentModel english = IntentModel.of(learners, trainer.latinWeights(), trainer.features(), 1.0, 0.0, "en");
        assertThat(split.probabilities("我的快递怎么还没到")).containsExactly(chinese.probabilities("我的快递怎么还没到"));
        assertThat(split.probabilities("where is my parcel")).containsExactly(english.probabilities("where is my parcel"))
                .isNotEqualTo(chinese.probabilities("where is my parcel"));
    }

    @Test
    void theFeatureMajorObjectiveTrainsOpenNlpsVeryModel() throws Exception {
        IntentTrainer trainer = new IntentTrainer();
        List<opennlp.tools.ml.model.Event> events = trainer.events(TrainingData.defaults());
        opennlp.tools.ml.model.AbstractModel reference = (opennlp.tools.ml.model.AbstractModel) opennlp.tools.ml
                .TrainerFactory.getEventTrainer(trainer.parameters("MAXENT_QN"), null)
                .train(opennlp.tools.util.ObjectStreamUtils.createObjectStream(events));
        IntentQNTrainer fast = new IntentQNTrainer();
        fast.init(trainer.parameters("MAXENT_QN"), new java.util.HashMap<>());
        opennlp.tools.ml.model.AbstractModel model = (opennlp.tools.ml.model.AbstractModel) fast.train(
                opennlp.tools.util.ObjectStreamUtils.createObjectStream(events));

        Object[] expected = reference.getDataStructures();
        Object[] actual = model.getDataStructures();
        assertThat(actual[1]).isEqualTo(expected[1]); // feature → index
        assertThat((String[]) actual[2]).containsExactly((String[]) expected[2]); // outcomes
        opennlp.tools.ml.model.Context[] want = (opennlp.tools.ml.model.Context[]) expected[0];
        opennlp.tools.ml.model.Context[] got = (opennlp.tools.ml.model.Context[]) actual[0];
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            // bit for bit: the same sums in the same order, only laid out differently in memory
            assertThat(got[i].getOutcomes()).containsExactly(want[i].getOutcomes());
            assertThat(got[i].getParameters()).as("feature %d", i).containsExactly(want[i].getParameters());
        }
        assertThat(Arrays.stream(want).mapToDouble(c -> Math.abs(c.getParameters()[0])).max().orElseThrow())
                .isPositive();
    }

    @Test
    void rankingsAreCalibratedProbabilitiesBestFirst() {
        List<IntentScore> ranking = MODEL.rank("我想申请退款", 5);
        assertThat(ranking.get(0).name()).isEqualTo("refund");
        assertThat(ranking).hasSizeLessThanOrEqualTo(6);
        assertThat(ranking).extracting(IntentScore::confidence).allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranking.stream().mapToDouble(IntentScore::confidence).sum()).isLessThanOrEqualTo(1.0001);
        assertThat(MODEL.temperature()).isBetween(0.1, 3.0);
        assertThat(MODEL.threshold()).isBetween(0.05, 0.9);
    }

    @Test
    void belowTheThresholdTheAnswerIsTheFallbackIntent() {
        String text = "my parcel still hasn't come";
        IntentScore best = MODEL.rank(text, 1).get(0);
        assertThat(best.name()).isEqualTo("logistics");
        assertThat(MODEL.withCalibration(MODEL.temperature(), best.confidence() + 0.001).rank(text, 3))
                .extracting(IntentScore::name).startsWith("nlu_fallback", "logistics");
        assertThat(MODEL.withCalibration(MODEL.temperature(), best.confidence() - 0.001).predict(text))
                .isEqualTo("logistics");
        List<IntentScore> gibberish = MODEL.rank("zzqx vbnm", 3);
        assertThat(gibberish.get(0).name()).isEqualTo("nlu_fallback");
        assertThat(gibberish).extracting(IntentScore::name).doesNotContain("oos");
    }

    @Test
    void thresholdRejectsWhereGuessingDoesMoreHarmThanGood() {
        // held-out predictions: confident ones right, unconfident ones mostly wrong
        List<LabeledText> data = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        String[] outcomes = {"a", "b"};
        for (int i = 0; i < 10; i++) {
            data.add(new LabeledText("t" + i, "a"));
            probabilities.add(new double[] {0.95, 0.05});
            names.add(outcomes);
        }
        for (int i = 0; i < 10; i++) {
            data.add(new LabeledText("u" + i, i < 8 ? "b" : "a"));
            probabilities.add(new double[] {0.55, 0.45});
            names.add(outcomes);
        }
        double threshold = IntentTrainer.chooseThreshold(data, probabilities, names, 1.0);
        assertThat(threshold).isGreaterThan(0.55).isLessThan(0.95);
    }

    @Test
    void overConfidentModelsAreSoftenedAndTimidOnesSharpened() {
        String[] outcomes = {"a", "b", "c"};
        List<LabeledText> data = new ArrayList<>();
        List<double[]> confident = new ArrayList<>();
        List<double[]> timid = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            data.add(new LabeledText("t" + i, i < 12 ? "a" : "b")); // the top intent "a" is right 60% of the time
            confident.add(new double[] {0.98, 0.01, 0.01});
            timid.add(new double[] {0.40, 0.30, 0.30});
            names.add(outcomes);
        }
        assertThat(IntentTrainer.fitTemperature(data, confident, names)).isGreaterThan(1.0);
        assertThat(IntentTrainer.fitTemperature(data, timid, names)).isLessThan(1.0);
    }

    @Test
    void oneModelServesManyThreads() throws Exception {
        List<String> texts = TrainingData.defaults().stream().map(LabeledText::text).limit(400).toList();
        List<String> expected = texts.stream().map(MODEL::predict).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> texts.stream().map(MODEL::predict).toList()));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsTabSeparatedExamples() {
        assertThat(TrainingData.parseTsv("我要退款\trefund\r\n\nwhere is my parcel\tlogistics\nno tab here\n"))
                .containsExactly(new LabeledText("我要退款", "refund"), new LabeledText("where is my parcel", "logistics"));
    }

    @Test
    void dataWithNothingToLearnStillTrainsInsteadOfHanging() {
        // two intents, three examples each, whose only feature seen twice is the bias: L-BFGS has a zero gradient
        // there and OpenNLP's line search never returned; it now goes to GIS
        List<LabeledText> data = List.of(new LabeledText("这个有货吗", "buy"), new LabeledText("I want to buy one", "buy"),
                new LabeledText("is it in stock", "buy"), new LabeledText("要几天能到", "shipping"),
                new LabeledText("how long does shipping take", "shipping"),
                new LabeledText("do you deliver to my city", "shipping"));
        IntentModel model = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> new IntentTrainer().train(data, "tiny"));
        assertThat(model.intents()).containsExactlyInAnyOrder("buy", "shipping");
        assertThat(IntentTrainer.hasSignal(new IntentTrainer().events(data), 2)).isFalse();
        assertThat(IntentTrainer.hasSignal(new IntentTrainer().events(data), 1)).isTrue();
    }
}
