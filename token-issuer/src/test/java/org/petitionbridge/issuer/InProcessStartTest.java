package org.petitionbridge.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The issuer started the way the local stack starts it: {@link TokenIssuerApplication#builder()} and arguments. */
class InProcessStartTest {

    @Test
    void startsWithTheBuilderAndCommandLineArguments() {
        try (ConfigurableApplicationContext context = TokenIssuerApplication.builder().registerShutdownHook(false)
                .run("--server.port=0", "--TOKEN_ISSUER_URI=http://localhost:19000", "--spring.jmx.enabled=false")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            IssuerHttp http = new IssuerHttp("http://localhost:" + port);

            assertThat(http.get("/.well-known/oauth-authorization-server").json().get("issuer").asString())
                    .isEqualTo("http://localhost:19000");
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(http.base() + "/oauth2/jwks").build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://localhost:19000"));
            Jwt jwt = decoder.decode(http.accessToken("t001"));
            assertThat(jwt.getClaimAsString("department")).isEqualTo("T001");
            // the default lifetime of token-issuer.yml
            assertThat(java.time.Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).hasHours(1);

            // The test classpath has the services' database, Kafka and Spring Cloud Stream, like the local stack's:
            // the issuer starts none of them and needs no database URL.
            assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
            assertThat(context.getBeanNamesForType(KafkaTemplate.class)).isEmpty();
            assertThat(context.getBeanNamesForType(BindingService.class)).isEmpty();
            assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void refusesAnIssuerThatIsNoUrl() {
        assertThatThrownBy(() -> TokenIssuerApplication.builder().registerShutdownHook(false)
                .run("--server.port=0", "--TOKEN_ISSUER_URI=localhost:9000/", "--spring.jmx.enabled=false").close())
                .hasStackTraceContaining("TOKEN_ISSUER_URI");
    }
}
