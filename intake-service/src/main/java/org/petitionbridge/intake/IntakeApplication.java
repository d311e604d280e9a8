package org.petitionbridge.intake;

import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.service.ServiceConfiguration;
import org.petitionbridge.service.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** intake-service: registers petitions from every channel and keeps the petitioner registry. */
@SpringBootApplication
@Import({ServiceConfiguration.class, OutboxConfiguration.class, PetitionBridgeSecurity.class})
public class IntakeApplication {

    /** The service's configuration file is intake-service.yml, so that the four services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=intake-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IntakeApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
