package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.IntentScore;
import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.names.NameFinderModel;
import io.lingxi.nlu.service.ActiveIntentModel;
import io.lingxi.nlu.service.TenantSettingsCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reads one message: language, intents, entities, sentiment. Thread-safe; CPU-bound, so callers run it on
 * worker threads, never on the event loop.
 */
@ApplicationScoped
public class MessageInterpreter {

    static final int TOP_N = 5;

    private final ActiveIntentModel models;
    private final TenantRules rules;
    private final ZoneId zone;
    private final LanguageDetector languages = new LanguageDetector();
    private final SentimentAnalyzer sentiment = new SentimentAnalyzer();

    @Inject
    public MessageInterpreter(ActiveIntentModel models, TenantSettingsCache rules, NluConfig config) {
        this(models, (TenantRules) rules, config.timeZone());
    }

    public MessageInterpreter(ActiveIntentModel models, EntityExtractor entities, ZoneId zone, Double thresholdOverride) {
        this(models, TenantRules.fixed(entities, thresholdOverride), zone);
    }

    public MessageInterpreter(ActiveIntentModel models, TenantRules rules, ZoneId zone) {
        this.models = models;
        this.rules = rules;
        this.zone = zone;
    }

    public Understanding interpret(String text) {
        return interpret(null, text, Instant.now());
    }

    /**
     * @param tenant whose model and rules apply (null: the default model and service settings)
     * @param at     when the customer wrote it: relative dates ("明天") are read from that day
     */
    public Understanding interpret(String tenant, String text, Instant at) {
        IntentModel model = models.forTenant(tenant);
        Optional<Double> threshold = rules.threshold(tenant);
        if (threshold.isPresent()) {
            model = model.withCalibration(model.temperature(), threshold.get());
        }
        List<IntentScore> ranking = model.rank(text, TOP_N);
        LocalDate today = LocalDate.ofInstant(at == null ? Instant.now() : at, zone);
        NameFinderModel.Merged entities = NameFinderModel.merge(
                Gazetteer.merge(rules.entities(tenant).extract(text, today), rules.dictionary(tenant).find(text)),
                models.nameFinder(tenant).map(names -> names.find(text)).orElse(List.of()));
        return new Understanding(languages.detect(text), ranking.get(0), ranking, entities.entities(),
                sentiment.score(text), model.version(), entities.confidences());
    }
}
