package org.petitionbridge.intake.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.petitionbridge.intake.petitioners.RegistryKeys;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained log of identity reads: who (the caller's department, or its client id when it
 * acts for none, and the OAuth2 client of its token), which petition, which fields (names, never values), the
 * declared purpose, the outcome and the time. Entries are numbered 1, 2, 3... without gaps; each entry's hash is
 * an HMAC-SHA256, under a key the database does not hold, of its own fields and the previous entry's hash.
 * Changing, deleting or inserting an entry therefore breaks the chain at that entry, and whoever can write the
 * table but lacks the key cannot forge a new chain. Appends are serialised by an advisory lock; the table refuses
 * UPDATE, DELETE and TRUNCATE (V2 migration).
 * <p>
 * The client id was added by V3: entries written before it have none ({@code client_id} null) and keep the hash
 * form they were written with; every entry since has one and its hash covers it (see {@link #canonical}).
 */
@Component
public class IdentityAuditLog {

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1000;
    private static final String COLUMNS =
            "seq, occurred_at, department, client_id, petition_no, fields, purpose, outcome, prev_hash, hash";

    /** What an entry records. */
    @Schema(description = "One identity read or refused attempt")
    public record Entry(
            @Schema(description = "The entry's number: 1, 2, 3... without gaps", example = "17") long seq,
            @Schema(description = "When the read was answered") Instant occurredAt,
            @Schema(description = "Who asked: the department its token acts for, or the token's client id when it "
                    + "acts for no department (null only in entries of the header era that named no department)",
                    example = "RSJ", nullable = true) String department,
            @Schema(description = "The OAuth2 client of the caller's token (null in entries written before tokens)",
                    example = "rsj", nullable = true) String clientId,
            @Schema(description = "The petition asked about", example = "XF990101-20261126-000123") String petitionNo,
            @Schema(description = "The names of the fields disclosed or asked for, comma-separated; never their values",
                    example = "name,idNumber,phone,address") String fields,
            @Schema(description = "The purpose the caller declared", example = "电话告知受理情况", nullable = true)
            String purpose,
            @Schema(description = "GRANTED, REFUSED_COMPLAINED_AGAINST, REFUSED_NOT_ASSIGNED, REFUSED_UNKNOWN_PETITION "
                    + "or REFUSED_INVALID_REQUEST", example = "GRANTED") String outcome,
            @Schema(description = "The previous entry's hash (64 zeros for the first entry)") String prevHash,
            @Schema(description = "HMAC-SHA256 (hex) of this entry's fields and prevHash") String hash) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretKeySpec key;

    IdentityAuditLog(JdbcClient jdbc, Clock clock, RegistryKeys keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = new SecretKeySpec(keys.auditKey(), "HmacSHA256");
    }

    /**
     * Appends an entry in the caller's transaction (or a new one): it is committed together with the read it
     * records, so no identity leaves intake without its entry. Returns the entry's number.
     */
    @Transactional
    public long append(String department, String clientId, String petitionNo, List<String> fields, String purpose,
            String outcome) {
        AdvisoryLocks.lock(jdbc, "identity-audit", "append");
        Entry last = jdbc.sql("select seq, hash from identity_audit order by seq desc limit 1")
                .query((rs, i) -> new Entry(rs.getLong("seq"), null, null, null, null, null, null, null, null,
                        rs.getString("hash")))
                .optional().orElse(null);
        long seq = last == null ? 1 : last.seq() + 1;
        String prevHash = last == null ? GENESIS : last.hash();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String fieldList = String.join(",", fields);
        Entry entry = new Entry(seq, now, department, clientId, petitionNo, fieldList, purpose, outcome, prevHash, null);
        String hash = hash(entry);
        jdbc.sql("""
                insert into identity_audit (seq, occurred_at, department, client_id, petition_no, fields, purpose,
                    outcome, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(now), department, clientId, petitionNo, fieldList, purpose, outcome,
                        prevHash, hash)
                .update();
        return seq;
    }

    /** Walks the whole chain from the first entry and reports the first entry that does not fit. */
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        long expectedSeq = 1;
        String prevHash = GENESIS;
        while (true) {
            List<Entry> batch = jdbc.sql("select " + COLUMNS + " from identity_audit where seq >= ? order by seq limit ?")
                    .params(expectedSeq, VERIFY_BATCH)
                    .query(IdentityAuditLog::entry)
                    .list();
            for (Entry e : batch) {
                String problem = null;
                if (e.seq() != expectedSeq) {
                    problem = "entry " + expectedSeq + " is missing";
                } else if (!prevHash.equals(e.prevHash())) {
                    problem = "its previous-entry hash does not match the hash of entry " + (expectedSeq - 1);
                } else if (!e.hash().equals(hash(e))) {
                    problem = "its content does not match its hash (the entry was changed)";
                }
                if (problem != null) {
                    return new AuditVerification(false, expectedSeq - 1, expectedSeq, problem, prevHash, clock.instant());
                }
                prevHash = e.hash();
                expectedSeq++;
            }
            if (batch.size() < VERIFY_BATCH) {
                return new AuditVerification(true, expectedSeq - 1, null, null, prevHash, clock.instant());
            }
        }
    }

    /** The entries about one petition, oldest first. */
    @Transactional(readOnly = true)
    public List<Entry> entries(String petitionNo) {
        return jdbc.sql("select " + COLUMNS + " from identity_audit where petition_no = ? order by seq")
                .param(petitionNo)
                .query(IdentityAuditLog::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("department"),
                rs.getString("client_id"), rs.getString("petition_no"), rs.getString("fields"),
                rs.getString("purpose"), rs.getString("outcome"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    /**
     * The text an entry's hash is computed over: every column but the hash, each length-prefixed (null as
     * {@code -}), one a line, so that no two different entries have the same canonical form. The client id
     * (V3) is the last line, present only when the entry has one: entries written before V3 keep the form they
     * were hashed with, and an entry whose client id is removed or added no longer fits its hash.
     */
    static String canonical(Entry e) {
        List<String> parts = new ArrayList<>(List.of(Long.toString(e.seq()), e.occurredAt().toString()));
        parts.addAll(Arrays.asList(e.department(), e.petitionNo(), e.fields(), e.purpose(), e.outcome(), e.prevHash()));
        if (e.clientId() != null) {
            parts.add(e.clientId());
        }
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            canonical.append(part == null ? "-" : part.length() + ":" + part).append('\n');
        }
        return canonical.toString();
    }

    private String hash(Entry entry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical(entry).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("audit hash failed", e);
        }
    }
}
