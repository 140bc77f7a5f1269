package io.lingxi.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes a {@code @QuarkusTest} application verify tokens from {@link TestJwt}, and sign with the same key
 * ({@code smallrye.jwt.sign.key.location}) when it issues tokens itself.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestJwt.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER,
                "smallrye.jwt.sign.key.location", TestJwt.privateKeyFile().toUri().toString(),
                "smallrye.jwt.new-token.issuer", TestJwt.ISSUER);
    }

    @Override
    public void stop() {
    }
}
