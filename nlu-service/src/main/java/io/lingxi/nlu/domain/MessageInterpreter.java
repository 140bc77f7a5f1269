package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.IntentScore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads one message: language, intents, entities, sentiment. Stateless and thread-safe. */
@ApplicationScoped
public class MessageInterpreter {

    private final LanguageDetector languages = new LanguageDetector();
    private final KeywordIntentClassifier intents = new KeywordIntentClassifier();
    private final OrderNumberFinder orderNumbers = new OrderNumberFinder();
    private final SimpleSentiment sentiment = new SimpleSentiment();

    public Understanding interpret(String text) {
        List<IntentScore> ranking = intents.rank(text);
        return new Understanding(languages.detect(text), ranking.get(0), ranking, orderNumbers.find(text),
                sentiment.score(text), KeywordIntentClassifier.MODEL_VERSION);
    }
}
