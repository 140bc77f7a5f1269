package io.lingxi.nlu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.Optional;

/** Business settings of the NLU. */
@ConfigMapping(prefix = "lingxi.nlu")
public interface NluConfig {

    /** Regex of the tenant's order numbers (one tenant for now: per-tenant patterns come with tenant data). */
    @WithDefault("[A-Za-z]{1,2}\\d{8,12}")
    String orderNumberPattern();

    /** Zone in which relative dates (今天, 明天, "next Monday") are read. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    /** Overrides the fallback threshold chosen by cross-validation at training time. */
    Optional<Double> fallbackThreshold();

    /** Worker threads running evaluation jobs. */
    @WithDefault("1")
    int evaluationThreads();
}
