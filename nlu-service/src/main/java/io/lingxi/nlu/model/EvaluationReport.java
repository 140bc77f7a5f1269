package io.lingxi.nlu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a model did on a test set. Macro-F1 averages over the intents present in the test set. The
 * out-of-scope figures are present only when test items are labelled {@code oos}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(int trainSize, int testSize, double accuracy, double macroF1,
        List<IntentMetrics> perIntent, List<Confusion> topConfusions, long trainMillis, double meanPredictMicros,
        double threshold, Double inScopeAccuracy, Double oosRecall, Double oosPrecision) {

    /** Precision, recall and F1 of one intent; support is its number of test items. */
    public record IntentMetrics(String intent, double precision, double recall, double f1, int support) {
    }

    /** Test items of intent {@code expected} classified as {@code predicted}. */
    public record Confusion(String expected, String predicted, int count) {
    }
}
