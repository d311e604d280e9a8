package org.petitionbridge.intake.petitioners;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Protects petitioners' personal data: AES-256-GCM encryption at rest (each value carries the id of its
 * key, so keys can rotate), keyed-hash pseudonyms (HMAC-SHA256 under a secret key, never a bare hash) and
 * masked names for events.
 */
@Component
public class IdentityProtection {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecretKeySpec pseudonymKey;

    public IdentityProtection(RegistryKeys registryKeys) {
        this.keys = new java.util.HashMap<>();
        registryKeys.encryptionKeys().forEach((id, key) -> keys.put(id, new SecretKeySpec(key.bytes(), "AES")));
        this.activeKeyId = registryKeys.activeKeyId();
        this.pseudonymKey = new SecretKeySpec(registryKeys.pseudonymKey(), "HmacSHA256");
    }

    /** Encrypts a value as {@code keyId:base64(iv || ciphertext || tag)}; null stays null. */
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(128, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}, with the key it names. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        String keyId = stored.substring(0, colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no encryption key with id " + keyId + " is configured");
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
    }

    /**
     * The pseudonym of a person: HMAC-SHA256 of the ID number when there is one (upper case), else of the name
     * and phone; base64url. The same person gets the same pseudonym in every petition, so repeats are found
     * without anyone outside intake learning who it is.
     */
    public String pseudonym(String name, String idNumber, String phone) {
        String identity = idNumber != null && !idNumber.isBlank()
                ? "id:" + idNumber.trim().toUpperCase()
                : "name:" + (name == null ? "" : name.trim()) + "|phone:" + (phone == null ? "" : phone.replaceAll("[^0-9]", ""));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pseudonym failed", e);
        }
    }

    /**
     * A keyed fingerprint (HMAC-SHA256, hex) of data that contains personal data, e.g. a request body, so that
     * two requests can be compared without storing either; the "fingerprint:" prefix keeps these hashes apart
     * from pseudonyms made with the same key.
     */
    public String fingerprint(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            mac.update("fingerprint:".getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧阳** (two-character compound surnames keep both), Li Lei → L*****. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "*";
        }
        String trimmed = name.trim();
        int[] cps = trimmed.codePoints().toArray();
        int keep = cps.length >= 3 && CompoundSurnames.isCompound(trimmed) ? 2 : 1;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            out.append(i < keep ? new String(Character.toChars(cps[i])) : "*");
        }
        if (cps.length == 1) {
            out.append('*');
        }
        return out.toString();
    }
}
