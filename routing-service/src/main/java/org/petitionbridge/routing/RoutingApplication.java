package org.petitionbridge.routing;

import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.service.ServiceConfiguration;
import org.petitionbridge.service.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** routing-service: decides who is responsible for each petition. */
@SpringBootApplication
@Import({ServiceConfiguration.class, OutboxConfiguration.class, PetitionBridgeSecurity.class})
public class RoutingApplication {

    /** The service's configuration file is routing-service.yml, so that the four services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=routing-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RoutingApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
