package org.petitionbridge.console;

import org.petitionbridge.service.county.CountyReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The web console (工作台): a Spring MVC application with server-rendered pages in Chinese. People sign in at the
 * token issuer (OAuth2 authorization code with PKCE); every page calls the services' REST APIs with the person's
 * access token, so the console holds no data and applies no rule of its own: what a person sees and may do is what
 * the APIs let that token see and do.
 * <p>
 * The local stack runs the console in the services' JVM, on their classpath: the auto-configurations of what it does
 * not use (database, Flyway, Kafka, Spring Cloud Stream) are excluded by name, as for the token issuer.
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
        "org.springframework.cloud.stream.config.BindingsEndpointAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"})
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

    /** The console's configuration file is console.yml, so that it can share one JVM with the services. */
    public static final String CONFIG_NAME = "spring.config.name=console";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The console's calls in traces name the URL's path only (ClientSpans). */
    @Bean
    ClientSpans clientSpans() {
        return new ClientSpans();
    }

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }
}
