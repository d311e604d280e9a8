package org.petitionbridge.risk;

import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.service.ServiceConfiguration;
import org.petitionbridge.service.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * risk-service: prevention (源头预防). The social-stability risk assessment (稳评) of major projects, and the
 * petitions that later come from a project's villages about what it does.
 */
@SpringBootApplication
@Import({ServiceConfiguration.class, OutboxConfiguration.class, PetitionBridgeSecurity.class})
public class RiskApplication {

    /** The service's configuration file is risk-service.yml, so that the services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=risk-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RiskApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
