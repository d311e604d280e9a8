package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same path as {@link OnePetitionPathTest}, against the operators' docker-compose deployment. Runs where a
 * Docker engine exists (after {@code ./mvnw package}); skipped cleanly where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeDeploymentTest {

    /**
     * intake reads its keys from the operator's env file (docs/operations.md, "Keys"), which compose requires: the
     * test makes one with random keys where none exists (it is git-ignored), as the documented command does.
     */
    static File composeFileWithKeys() {
        java.nio.file.Path env = java.nio.file.Path.of("..", "petition-bridge.env");
        if (!java.nio.file.Files.exists(env)) {
            java.security.SecureRandom random = new java.security.SecureRandom();
            java.util.function.Supplier<String> key = () -> {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                return java.util.Base64.getEncoder().encodeToString(bytes);
            };
            try {
                java.nio.file.Files.writeString(env, "INTAKE_ENCRYPTION_ACTIVE_KEY=k1\nINTAKE_ENCRYPTION_KEYS=k1:"
                        + key.get() + "\nINTAKE_PSEUDONYM_KEY=" + key.get() + "\nINTAKE_AUDIT_KEY=" + key.get() + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new File("../docker-compose.yml");
    }

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(composeFileWithKeys())
            .withBuild(true)
            .withExposedService("token-issuer", 9000, Wait.forHttp("/.well-known/oauth-authorization-server")
                    .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("intake-service", 8081, Wait.forHttp("/actuator/health").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("ledger-service", 8083, Wait.forHttp("/actuator/health").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void aPetitionPostedToTheComposeDeploymentReachesTheLedger() throws Exception {
        String intake = "http://" + COMPOSE.getServiceHost("intake-service", 8081) + ":"
                + COMPOSE.getServicePort("intake-service", 8081);
        String ledger = "http://" + COMPOSE.getServiceHost("ledger-service", 8083) + ":"
                + COMPOSE.getServicePort("ledger-service", 8083);
        String issuer = "http://" + COMPOSE.getServiceHost("token-issuer", 9000) + ":"
                + COMPOSE.getServicePort("token-issuer", 9000);
        Platform platform = new Platform(issuer, intake, null, ledger, null, null);
        HttpResponse<String> registered = platform.post("hotline", intake + "/api/v1/petitions",
                OnePetitionPathTest.PETITION);
        assertThat(registered.statusCode()).isEqualTo(201);
        String petitionNo = Platform.json(registered.body()).get("petitionNo").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = platform.get("rsj", ledger + "/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 && r.body().contains("\"lead\":\"RSJ\"");
        });
    }
}
