package io.lingxi.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Makes a {@code @QuarkusTest} application verify tokens from {@link TestJwt}. */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestJwt.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER);
    }

    @Override
    public void stop() {
    }
}
