package org.petitionbridge.intake.disclosure;

import java.util.List;
import java.util.Optional;

import org.petitionbridge.intake.audit.IdentityAuditLog;
import org.petitionbridge.intake.cases.CaseTracking;
import org.petitionbridge.intake.petitioners.IdentityProtection;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.PetitionParties;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Discloses petitioners' identity to those the shared visibility policy lets read it
 * ({@link VisibilityPolicy#mayReadIdentity}): the acting bureau, and the departments handling the petition as the
 * ledger last published it (lead or co-handler). Never to a department the petition's complaint bars, whoever it is
 * (信访工作条例 Art 46(5)). Who asks comes from the caller's verified token. The decision, and the read when granted,
 * are committed together with the audit entry that records them.
 */
@Service
public class IdentityDisclosure {

    private static final Logger log = LoggerFactory.getLogger(IdentityDisclosure.class);

    /** The answer: the identities, or empty when refused (the reason is in the audit log). */
    public record Result(Optional<PetitionerIdentities> identities, String outcome, long auditEntry) {
    }

    private final JdbcClient jdbc;
    private final CaseTracking cases;
    private final IdentityAuditLog audit;
    private final IdentityProtection protection;
    private final VisibilityPolicy policy;

    IdentityDisclosure(JdbcClient jdbc, CaseTracking cases, IdentityAuditLog audit, IdentityProtection protection,
            VisibilityPolicy policy) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.cases = cases;
        this.audit = audit;
        this.protection = protection;
    }

    /** Decides, records and (when granted) reads. The caller (the controller) has checked the purpose and fields. */
    @Transactional
    public Result read(String petitionNo, Caller caller, String purpose, List<IdentityField> fields) {
        List<String> fieldNames = fields.stream().map(f -> f.apiName).toList();
        Optional<PetitionParties> parties = cases.parties(petitionNo);
        String outcome;
        if (parties.isEmpty()) {
            outcome = "REFUSED_UNKNOWN_PETITION";
        } else if (parties.get().bars(caller.department())) {
            outcome = "REFUSED_COMPLAINED_AGAINST";
        } else if (policy.mayReadIdentity(caller, parties.get())) {
            outcome = "GRANTED";
        } else {
            outcome = "REFUSED_NOT_ASSIGNED";
        }
        long entry = audit.append(caller.name(), caller.clientId(), petitionNo, fieldNames, purpose, outcome);
        log.info("Identity read of {} by {}: {} (audit entry {})", petitionNo, caller.name(), outcome, entry);
        if (!"GRANTED".equals(outcome)) {
            return new Result(Optional.empty(), outcome, entry);
        }
        List<PetitionerIdentities.Identity> people = jdbc.sql("""
                        select position, masked_name, name_enc, id_number_enc, phone_enc, address_enc
                        from petitioner where petition_no = ? order by position""")
                .param(petitionNo)
                .query((rs, i) -> new PetitionerIdentities.Identity(rs.getInt("position"), rs.getString("masked_name"),
                        fields.contains(IdentityField.NAME) ? protection.decrypt(rs.getString("name_enc")) : null,
                        fields.contains(IdentityField.ID_NUMBER) ? protection.decrypt(rs.getString("id_number_enc")) : null,
                        fields.contains(IdentityField.PHONE) ? protection.decrypt(rs.getString("phone_enc")) : null,
                        fields.contains(IdentityField.ADDRESS) ? protection.decrypt(rs.getString("address_enc")) : null))
                .list();
        return new Result(Optional.of(new PetitionerIdentities(petitionNo, fieldNames, entry, people)), outcome, entry);
    }

    /**
     * Records an attempt refused before any decision (no or bad purpose, unknown field). The controller passes the
     * purpose only when it is valid, else null, so that the log never holds a value it must not.
     */
    public long refuseInvalid(String petitionNo, Caller caller, String purpose, List<String> fieldsAsked) {
        String petition = petitionNo.length() > 40 ? petitionNo.substring(0, 40) : petitionNo;
        List<String> known = fieldsAsked.stream().filter(f -> IdentityField.of(f).isPresent()).toList();
        long entry = audit.append(caller.name(), caller.clientId(), petition, known, purpose,
                "REFUSED_INVALID_REQUEST");
        log.info("Identity read of {} refused as invalid (audit entry {})", petition, entry);
        return entry;
    }
}
