package io.lingxi.dialogue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "lingxi.dialogue")
public interface DialogueConfig {

    /** Values connector definitions refer to as {@code ${config:name}}: base URLs, API keys from secrets. */
    Map<String, String> connectorValues();

    /** How long a tenant's flows are cached before the database is asked again. */
    @WithDefault("30s")
    Duration flowCacheTtl();
}
