package org.petitionbridge.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code trackingCodeHash} of {@code petition.received.v1}: intake publishes it, the ledger compares the code a
 * petitioner types against it. Both must hash the same way, so the rule is here, once.
 */
public final class TrackingCodes {

    private TrackingCodes() {
    }

    /**
     * SHA-256 (lower-case hex) of the trimmed, upper-cased code. The code is 12 random characters (about 59 bits), so
     * a plain hash suffices; the progress query is rate-limited per address besides.
     */
    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
