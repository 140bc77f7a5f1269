package io.lingxi.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.analytics.config.AnalyticsConfig;
import io.lingxi.analytics.domain.EventAnalyser;
import io.lingxi.analytics.masking.IdHasher;
import io.lingxi.analytics.masking.PersonalDataMasker;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The service's one {@link EventAnalyser}, made on first use once the hash secret is known: the configured one,
 * or else the random one kept in {@code installation_secret} (made on the first start), read without blocking.
 */
@ApplicationScoped
public class Analysers {

    private static final String CREATE_SECRET = "INSERT INTO public.installation_secret (id, secret) VALUES (1, $1) "
            + "ON CONFLICT (id) DO NOTHING";
    private static final String READ_SECRET = "SELECT secret FROM public.installation_secret WHERE id = 1";

    private final AnalyticsConfig config;
    private final MaskingPolicies policies;
    private final ObjectMapper mapper;
    private final Pool pool;
    private final PersonalDataMasker masker = new PersonalDataMasker();
    private volatile EventAnalyser analyser;

    public Analysers(AnalyticsConfig config, MaskingPolicies policies, ObjectMapper mapper, Pool pool) {
        this.config = config;
        this.policies = policies;
        this.mapper = mapper;
        this.pool = pool;
    }

    /** The analyser; a failure to read the secret is not remembered, so the next event tries again. */
    public Uni<EventAnalyser> analyser() {
        EventAnalyser ready = analyser;
        if (ready != null) {
            return Uni.createFrom().item(ready);
        }
        return secret(config, pool).map(secret -> {
            EventAnalyser made = new EventAnalyser(mapper, masker, policies::forTenant, new IdHasher(secret));
            analyser = made;
            return made;
        });
    }

    private static Uni<byte[]> secret(AnalyticsConfig config, Pool pool) {
        if (config.hashSecret().isPresent() && !config.hashSecret().get().isBlank()) {
            return Uni.createFrom().item(config.hashSecret().get().getBytes(StandardCharsets.UTF_8));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return pool.preparedQuery(CREATE_SECRET).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(fresh)))
                .chain(() -> pool.query(READ_SECRET).execute())
                .map(rows -> rows.iterator().next().getBuffer("secret").getBytes())
                .invoke(() -> Log.warn("lingxi.analytics.hash-secret (LINGXI_ANALYTICS_HASH_SECRET) is not set: customer "
                        + "and conversation ids are hashed with a secret kept in this service's database. Set it in "
                        + "production, from a Kubernetes Secret."));
    }
}
