package org.petitionbridge.notify;

import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.service.ServiceConfiguration;
import org.petitionbridge.service.inbox.InboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** notify-service: delivers to every department the petition events that concern it. */
@SpringBootApplication
@Import({ServiceConfiguration.class, InboxConfiguration.class, PetitionBridgeSecurity.class})
public class NotifyApplication {

    /** The service's configuration file is notify-service.yml, so that the four services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=notify-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotifyApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
