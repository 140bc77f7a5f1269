package io.lingxi.knowledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lingxi.knowledge")
public interface KnowledgeConfig {

    /** Confidence from which the best entry is given as the answer, for tenants without their own setting. */
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

    /** How often every tenant's index is checked against the database (and rebuilt when it differs). */
    @WithDefault("30s")
    Duration refreshEvery();

    /** Where the Lucene indexes live, one directory per tenant; relative paths start at the working directory. */
    @WithDefault("data/knowledge-index")
    String indexPath();

    /** Which {@code SearchBackend} serves searches: {@code lucene} (embedded, the default) or {@code elasticsearch}. */
    @WithDefault("lucene")
    String backend();

    /**
     * An unfinished import whose instance has not reported for this long (it refreshes every 5 s while it works) is
     * taken as stopped: failed, or succeeded when its rows were already committed.
     */
    @WithDefault("30s")
    Duration importStaleAfter();

    /**
     * A queued or running evaluation whose instance has not reported for this long (it refreshes every 5 s while it
     * holds the job) is taken as interrupted and failed with that reason.
     */
    @WithDefault("30s")
    Duration evaluationStaleAfter();

    /** The Elasticsearch backend's connection and index naming (used when {@code backend=elasticsearch}). */
    Elasticsearch elasticsearch();

    interface Elasticsearch {

        /** The cluster's HTTP address. */
        @WithDefault("http://127.0.0.1:9200")
        String url();

        /** Index names and aliases start with this; a tenant's alias is {@code <prefix>-<tenant>}. */
        @WithDefault("lingxi-knowledge")
        String indexPrefix();

        /** Replicas of each tenant index (0 on a single node). */
        @WithDefault("0")
        int replicas();

        /**
         * How often, at most, a search checks whether another instance changed the tenant's index since this one
         * loaded or wrote it (one index-stats call), and reloads the tenant's entries then. Zero: on every search.
         */
        @WithDefault("1s")
        Duration recheckEvery();
    }

}
