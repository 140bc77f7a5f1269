package io.lingxi.knowledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lingxi.knowledge")
public interface KnowledgeConfig {

    /** Confidence from which the best entry is given as the answer. */
    @WithDefault("0.5")
    double answerThreshold();

    /** Confidence from which an entry is offered as a suggestion. */
    @WithDefault("0.3")
    double suggestThreshold();

    /** When the runner-up is this close to the best entry, both are suggested instead of answering. */
    @WithDefault("0.05")
    double ambiguityMargin();

    /** How many suggestions at most. */
    @WithDefault("3")
    int maxSuggestions();

    /** How many hits an event gets when its {@code maxHits} is not set. */
    @WithDefault("3")
    int defaultHits();

    /** How often the cached entries of every tenant in use are reloaded from the database. */
    @WithDefault("30s")
    Duration refreshEvery();

    /** A tenant's cached entries are dropped when nobody asked about them for this long. */
    @WithDefault("30m")
    Duration evictAfter();
}
