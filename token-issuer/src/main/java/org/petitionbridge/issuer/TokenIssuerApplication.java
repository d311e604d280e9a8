package org.petitionbridge.issuer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The development token issuer: a Spring Authorization Server that gives the demo county's clients
 * (client credentials) the access tokens the services accept. For the local stack, docker-compose and tests only;
 * production points the services at its own identity provider.
 * <p>
 * The local stack runs the issuer in the services' JVM, on their classpath: the auto-configurations of what the
 * issuer does not use (database, Flyway, Kafka, Spring Cloud Stream) are excluded by name, so that it needs no
 * database URL and starts nothing it does not need. Names missing from the classpath are ignored.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
        "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
        "org.springframework.cloud.stream.config.BindingServiceConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration",
        "org.springframework.cloud.stream.config.BindersHealthIndicatorAutoConfiguration",
        "org.springframework.cloud.stream.config.ChannelsEndpointAutoConfiguration",
        "org.springframework.cloud.stream.config.BindingsEndpointAutoConfiguration"})
@EnableConfigurationProperties(TokenIssuerProperties.class)
public class TokenIssuerApplication {

    /** The issuer's configuration file is token-issuer.yml, so that it can share one JVM with the services. */
    public static final String CONFIG_NAME = "spring.config.name=token-issuer";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TokenIssuerApplication.class).properties(CONFIG_NAME);
    }

    /**
     * Starts the issuer; with {@code --rotate-signing-key}, adds a new signing key to {@code TOKEN_SIGNING_KEYS_DIR}
     * instead and exits (a running issuer signs with it at once, and publishes the old keys beside it).
     */
    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--rotate-signing-key")) {
            String dir = System.getenv("TOKEN_SIGNING_KEYS_DIR");
            if (dir == null || dir.isBlank()) {
                System.err.println("--rotate-signing-key needs TOKEN_SIGNING_KEYS_DIR, the issuer's key directory");
                System.exit(2);
            }
            System.out.println("new signing key " + SigningKeys.inDirectory(java.nio.file.Path.of(dir)).rotate());
            return;
        }
        builder().run(args);
    }
}
