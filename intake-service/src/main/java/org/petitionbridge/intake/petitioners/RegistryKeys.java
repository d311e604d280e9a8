package org.petitionbridge.intake.petitioners;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of the petitioner registry, which intake never runs without: the encryption keys of the registry, the
 * pseudonym key and the audit log's key. They have no defaults: a service not given one refuses to start and names
 * every missing setting, so that production never runs on publicly known keys by a forgotten variable. Only the
 * local stack passes demo keys (marked so in {@code LocalStack}); docker-compose.yml reads them from the operator's
 * env file (docs/operations.md, "Keys").
 */
@Component
public class RegistryKeys {

    static final String GENERATE = "generate each with `openssl rand -base64 32`; docs/operations.md, \"Keys\"";

    private final Map<String, SecretBytes> encryptionKeys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final byte[] pseudonymKey;
    private final byte[] auditKey;

    /** A key's bytes, decoded from base64. */
    record SecretBytes(byte[] bytes) {
    }

    RegistryKeys(@Value("${petition-bridge.intake.encryption.active-key:}") String activeKey,
            @Value("${petition-bridge.intake.encryption.keys:}") String keys,
            @Value("${petition-bridge.intake.pseudonym-key:}") String pseudonymKey,
            @Value("${petition-bridge.intake.audit-key:}") String auditKey) {
        List<String> missing = new ArrayList<>();
        if (keys.isBlank()) {
            missing.add("INTAKE_ENCRYPTION_KEYS (petition-bridge.intake.encryption.keys: id:base64 of 32 random bytes)");
        }
        if (activeKey.isBlank()) {
            missing.add("INTAKE_ENCRYPTION_ACTIVE_KEY (petition-bridge.intake.encryption.active-key: the id of the key"
                    + " that encrypts new values)");
        }
        if (pseudonymKey.isBlank()) {
            missing.add("INTAKE_PSEUDONYM_KEY (petition-bridge.intake.pseudonym-key: base64 of 32 random bytes)");
        }
        if (auditKey.isBlank()) {
            missing.add("INTAKE_AUDIT_KEY (petition-bridge.intake.audit-key: base64 of 32 random bytes)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("intake-service will not start without the keys of the petitioner registry;"
                    + " missing: " + String.join(", ", missing) + " (" + GENERATE + ")");
        }
        for (String entry : keys.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("INTAKE_ENCRYPTION_KEYS must be id:base64[,id:base64...]");
            }
            String id = entry.substring(0, colon).trim();
            byte[] key = decode("INTAKE_ENCRYPTION_KEYS (key " + id + ")", entry.substring(colon + 1).trim());
            if (key.length != 32) {
                throw new IllegalStateException("encryption key " + id + " must be 32 bytes (base64 of 32 random bytes)");
            }
            encryptionKeys.put(id, new SecretBytes(key));
        }
        if (!encryptionKeys.containsKey(activeKey.trim())) {
            throw new IllegalStateException("INTAKE_ENCRYPTION_ACTIVE_KEY names " + activeKey.trim()
                    + ", which is not among INTAKE_ENCRYPTION_KEYS");
        }
        this.activeKeyId = activeKey.trim();
        this.pseudonymKey = atLeast32("INTAKE_PSEUDONYM_KEY", pseudonymKey);
        this.auditKey = atLeast32("INTAKE_AUDIT_KEY", auditKey);
    }

    private static byte[] decode(String setting, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64 (" + GENERATE + ")");
        }
    }

    private static byte[] atLeast32(String setting, String base64) {
        byte[] key = decode(setting, base64.trim());
        if (key.length < 32) {
            throw new IllegalStateException(setting + " must be at least 32 bytes (" + GENERATE + ")");
        }
        return key;
    }

    Map<String, SecretBytes> encryptionKeys() {
        return encryptionKeys;
    }

    String activeKeyId() {
        return activeKeyId;
    }

    byte[] pseudonymKey() {
        return pseudonymKey.clone();
    }

    /** The HMAC key of the identity-read audit chain. */
    public byte[] auditKey() {
        return auditKey.clone();
    }
}
