package org.petitionbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JvmDefaultsTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(JvmDefaults.COMMON_POOL_PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(JvmDefaults.COMMON_POOL_PARALLELISM);
        } else {
            System.setProperty(JvmDefaults.COMMON_POOL_PARALLELISM, saved);
        }
    }

    @Test
    void theCommonPoolGetsAtLeastTwoThreadsWhenNobodySetItsSize() {
        System.clearProperty(JvmDefaults.COMMON_POOL_PARALLELISM);
        JvmDefaults.apply();
        assertThat(Integer.parseInt(System.getProperty(JvmDefaults.COMMON_POOL_PARALLELISM)))
                .isGreaterThanOrEqualTo(2)
                .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors() - 1);
    }

    @Test
    void anOperatorsSettingIsKept() {
        System.setProperty(JvmDefaults.COMMON_POOL_PARALLELISM, "7");
        JvmDefaults.apply();
        assertThat(System.getProperty(JvmDefaults.COMMON_POOL_PARALLELISM)).isEqualTo("7");
    }
}
