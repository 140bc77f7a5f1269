package io.lingxi.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import io.lingxi.analytics.masking.IdHasher;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without a configured hash secret (as in a production run that lacks one) a random one is made and kept. */
@QuarkusTest
@TestProfile(HashSecretFallbackTest.NoSecret.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics_nosecret_test"))
@WithTestResource(JwtTestResource.class)
class HashSecretFallbackTest {

    /** The test profile without its development secret. */
    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lingxi.analytics.hash-secret", "");
        }
    }

    @Inject
    Pool pool;

    @Test
    void customerIdsAreHashedWithASecretKeptInTheDatabase() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "conv-" + UUID.randomUUID();
        AnalyticsKpiTest.send(AnalyticsKpiTest.received(tenant, "web", key, "m-1", "你好", "09:00:00"), tenant, key);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestJwt.token(tenant, "analyst"))
                .get("/api/v1/analytics/conversations?from=2026-11-24&to=2026-11-24").then().statusCode(200)
                .body("$", hasSize(1)));
        String customerHash = given().auth().oauth2(TestJwt.token(tenant, "analyst"))
                .get("/api/v1/analytics/conversations?from=2026-11-24&to=2026-11-24").then().extract().path("[0].customerHash");

        List<Row> secrets = pool.query("SELECT secret FROM installation_secret").execute().await()
                .atMost(Duration.ofSeconds(10)).stream().toList();
        assertThat(secrets).hasSize(1);
        byte[] secret = secrets.get(0).getBuffer("secret").getBytes();
        assertThat(secret).hasSize(32);
        assertThat(customerHash).isEqualTo(new IdHasher(secret).hash(tenant, "13800001111"))
                .isNotEqualTo(new IdHasher("test-only-analytics-hash-secret".getBytes(StandardCharsets.UTF_8))
                        .hash(tenant, "13800001111"));
    }
}
