package org.petitionbridge.intake.petitioners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeApplication;
import org.petitionbridge.testsupport.TestDatabase;

/** intake has no default keys: without its keys it refuses to start and names every missing setting. */
class RegistryKeysTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void everyMissingKeyIsNamed() {
        assertThatThrownBy(() -> new RegistryKeys("", "", "", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INTAKE_ENCRYPTION_KEYS")
                .hasMessageContaining("INTAKE_ENCRYPTION_ACTIVE_KEY")
                .hasMessageContaining("INTAKE_PSEUDONYM_KEY")
                .hasMessageContaining("INTAKE_AUDIT_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void oneMissingKeyIsNamedAlone() {
        assertThatThrownBy(() -> new RegistryKeys("k1", "k1:" + KEY, KEY, ""))
                .hasMessageContaining("INTAKE_AUDIT_KEY").hasMessageNotContaining("INTAKE_PSEUDONYM_KEY");
    }

    @Test
    void shortOrMalformedKeysAreRefused() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new RegistryKeys("k1", "k1:" + shortKey, KEY, KEY)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new RegistryKeys("k1", "k1:" + KEY, "not base64!", KEY))
                .hasMessageContaining("INTAKE_PSEUDONYM_KEY is not base64");
        assertThatThrownBy(() -> new RegistryKeys("k2", "k1:" + KEY, KEY, KEY)).hasMessageContaining("k2");
    }

    @Test
    void completeKeysAreAccepted() {
        RegistryKeys keys = new RegistryKeys("k1", "k1:" + KEY + ",k0:" + KEY, KEY, KEY);
        assertThat(keys.activeKeyId()).isEqualTo("k1");
        assertThat(keys.encryptionKeys()).containsOnlyKeys("k1", "k0");
    }

    @Test
    void theServiceWithoutKeysRefusesToStartNamingThem() {
        assertThatThrownBy(() -> IntakeApplication.builder().run("--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl("intake_nokeys"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=localhost:1", "--spring.cloud.stream.kafka.binder.brokers=localhost:1",
                "--spring.cloud.stream.kafka.binder.auto-create-topics=false",
                "--management.metrics.use-global-registry=false", "--spring.jmx.enabled=false"))
                .hasStackTraceContaining("intake-service will not start without the keys of the petitioner registry")
                .hasStackTraceContaining("INTAKE_PSEUDONYM_KEY");
    }
}
