package org.petitionbridge.testsupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every service's integration-test base (IntakeIntegrationTest, RoutingIntegrationTest, ...) has: the test
 * broker, the service's port and its database. Each base adds its {@code @SpringBootTest} properties, the embedded
 * broker and the database ({@link TestDatabase}) and token issuer ({@link TestTokens}) registrations; with the same
 * annotations everywhere in a module, Spring caches one context for all its tests.
 */
public abstract class ServiceTest {

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;
}
