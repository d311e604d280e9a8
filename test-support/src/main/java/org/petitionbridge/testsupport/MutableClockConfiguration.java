package org.petitionbridge.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces a service's clock with a {@link MutableClock}, for an integration-test base to {@code @Import}: the same
 * import in every test of a module keeps one cached context. Reset the clock after each test that moves it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }
}
