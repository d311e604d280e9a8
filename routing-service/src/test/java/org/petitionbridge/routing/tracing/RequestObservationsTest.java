package org.petitionbridge.routing.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.petitionbridge.routing.RoutingIntegrationTest;

/**
 * What a request is observed as (service-common.yml, {@code management.observations.enable}): the request itself
 * ({@code http.server.requests}: its timer, and its span in the petition's trace), not each filter of Spring
 * Security's chain, its authentication and its authorization, which were five observations more a request, each a
 * timer and a span. Every service imports the same setting; routing's requests stand for them.
 */
class RequestObservationsTest extends RoutingIntegrationTest {

    @Test
    void anAuthenticatedRequestIsObservedAsTheRequestAloneNotAsEachStepOfItsSecurity() {
        double before = requests();
        assertThat(get("/api/v1/routing/triage?limit=1").statusCode()).isEqualTo(200);

        assertThat(requests()).as("the request is timed").isGreaterThan(before);
        assertThat(meters.getMeters()).as("no meter of Spring Security's observations")
                .noneMatch(m -> m.getId().getName().startsWith("spring.security."));
    }

    private double requests() {
        return meters.find("http.server.requests").timers().stream().mapToDouble(t -> t.count()).sum();
    }
}
