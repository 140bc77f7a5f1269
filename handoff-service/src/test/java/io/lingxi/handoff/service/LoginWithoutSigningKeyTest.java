package io.lingxi.handoff.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.api.ProblemMapper;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Login on a server without a token signing key answers 503 before it looks at the credentials or the database.
 * A unit test of {@link AgentDirectory#login} and {@link ProblemMapper} under plain MicroProfile Config (which
 * names no key here); the running service's 200 path is covered by AgentDeskTest, where JwtTestResource sets the key.
 */
class LoginWithoutSigningKeyTest {

    @Test
    void loginWithoutASigningKeyIsAServiceUnavailableProblem() {
        assertThat(ConfigProvider.getConfig().getOptionalValue("smallrye.jwt.sign.key.location", String.class))
                .as("this test needs a configuration without a signing key").isEmpty();
        // no routing, database or Vert.x: login must fail before it needs them
        AgentDirectory directory = new AgentDirectory(null, null, null);

        Throwable failure = catchThrowable(() -> directory.login("t", "alice", "secret-pass-1").await()
                .atMost(Duration.ofSeconds(5)));

        assertThat(failure).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) failure;
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.getMessage()).contains("signing key");
        var response = new ProblemMapper().problem(problem);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getEntity().detail()).contains("smallrye.jwt.sign.key.location");
    }
}
