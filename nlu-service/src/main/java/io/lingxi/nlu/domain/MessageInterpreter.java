package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.IntentScore;
import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.service.ActiveIntentModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads one message: language, intents, entities, sentiment. Thread-safe; CPU-bound, so callers run it on
 * worker threads, never on the event loop.
 */
@ApplicationScoped
public class MessageInterpreter {

    static final int TOP_N = 5;

    private final ActiveIntentModel models;
    private final EntityExtractor entities;
    private final ZoneId zone;
    private final Double thresholdOverride;
    private final LanguageDetector languages = new LanguageDetector();
    private final SentimentAnalyzer sentiment = new SentimentAnalyzer();

    @Inject
    public MessageInterpreter(ActiveIntentModel models, NluConfig config) {
        this(models, new EntityExtractor(config.orderNumberPattern()), config.timeZone(),
                config.fallbackThreshold().orElse(null));
    }

    public MessageInterpreter(ActiveIntentModel models, EntityExtractor entities, ZoneId zone, Double thresholdOverride) {
        this.models = models;
        this.entities = entities;
        this.zone = zone;
        this.thresholdOverride = thresholdOverride;
    }

    public Understanding interpret(String text) {
        return interpret(text, Instant.now());
    }

    /** @param at when the customer wrote it: relative dates ("明天") are read from that day */
    public Understanding interpret(String text, Instant at) {
        IntentModel model = models.current();
        if (thresholdOverride != null) {
            model = model.withCalibration(model.temperature(), thresholdOverride);
        }
        List<IntentScore> ranking = model.rank(text, TOP_N);
        LocalDate today = LocalDate.ofInstant(at == null ? Instant.now() : at, zone);
        return new Understanding(languages.detect(text), ranking.get(0), ranking, entities.extract(text, today),
                sentiment.score(text), model.version());
    }
}
