package org.petitionbridge.intake;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Keys of the petitioner registry for tests: random, made once per test JVM, never written anywhere. intake has no
 * default keys (RegistryKeys), so every test application is given these.
 */
public final class TestRegistryKeys {

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("INTAKE_ENCRYPTION_ACTIVE_KEY", "test-1");
        SETTINGS.put("INTAKE_ENCRYPTION_KEYS", "test-1:" + random());
        SETTINGS.put("INTAKE_PSEUDONYM_KEY", random());
        SETTINGS.put("INTAKE_AUDIT_KEY", random());
    }

    private TestRegistryKeys() {
    }

    private static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static void register(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The settings as default properties ({@code NAME=value}) of an application started by hand. */
    public static String[] properties() {
        return SETTINGS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
