package org.petitionbridge.ledger;

import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.service.ServiceConfiguration;
import org.petitionbridge.service.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** ledger-service: the 台账 of every petition case. */
@SpringBootApplication
@Import({ServiceConfiguration.class, OutboxConfiguration.class, PetitionBridgeSecurity.class})
public class LedgerApplication {

    /** The service's configuration file is ledger-service.yml, so that the four services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=ledger-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LedgerApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
