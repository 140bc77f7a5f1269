package io.lingxi.nlu.service;

import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.model.IntentTrainer;
import io.lingxi.nlu.model.TrainingData;
import io.lingxi.nlu.names.NameFinderModel;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intent model in service: trained once at start from the shipped bilingual data, then shared, immutable,
 * by every thread; a tenant that activated its own model gets that one. A new model replaces the old atomically
 * (a volatile write or map put), so classification never pauses.
 */
@ApplicationScoped
@Startup // train before the service reports ready, not on the first message
public class ActiveIntentModel {

    public static final String DEFAULT_VERSION = "default-1";

    private volatile IntentModel model;
    /** A tenant's active version: its intent model and the name finder trained with it (null: none). */
    private record Version(IntentModel intents, NameFinderModel names) {
    }

    /** One entry per tenant, so a swap replaces both models at once. */
    private final Map<String, Version> tenants = new ConcurrentHashMap<>();

    /** Training happens in {@link #trainDefault()}: CDI's client proxy also runs this constructor. */
    public ActiveIntentModel() {
    }

    /** A holder already serving {@code model}, for use without CDI. */
    public static ActiveIntentModel serving(IntentModel model) {
        ActiveIntentModel active = new ActiveIntentModel();
        active.activate(model);
        return active;
    }

    @PostConstruct
    void trainDefault() {
        activate(defaultModel());
    }

    /** Trains the default bilingual model with calibration (a few seconds of one core). */
    public static IntentModel defaultModel() {
        long started = System.nanoTime();
        IntentModel model = new IntentTrainer().trainCalibrated(TrainingData.defaults(), DEFAULT_VERSION, p -> { });
        Log.infof("Default intent model %s trained in %d ms (temperature %.2f, threshold %.3f)", DEFAULT_VERSION,
                (System.nanoTime() - started) / 1_000_000, model.temperature(), model.threshold());
        return model;
    }

    public IntentModel current() {
        return model;
    }

    public void activate(IntentModel next) {
        this.model = next;
    }

    /** The tenant's active model, or the default one when it has activated none (or tenant is null). */
    public IntentModel forTenant(String tenant) {
        Version own = tenant == null ? null : tenants.get(tenant);
        return own != null ? own.intents() : model;
    }

    /** Swaps the tenant's model in; classifications already running finish with the one they started with. */
    public void activate(String tenant, IntentModel next) {
        activate(tenant, next, null);
    }

    /** Swaps in the tenant's model and the name finder trained with it (null: that version has none). */
    public void activate(String tenant, IntentModel next, NameFinderModel names) {
        tenants.put(tenant, new Version(next, names));
    }

    /** The name finder of the tenant's active version, if it has one. */
    public Optional<NameFinderModel> nameFinder(String tenant) {
        Version own = tenant == null ? null : tenants.get(tenant);
        return own == null ? Optional.empty() : Optional.ofNullable(own.names());
    }
}
