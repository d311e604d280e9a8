package org.petitionbridge.intake.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The audit log of identity reads is append-only and hash-chained; verification finds the first broken entry. */
class IdentityAuditTest extends IntakeIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    private JsonNode verification() throws Exception {
        HttpResponse<String> response = get("/api/v1/audit/identity-reads/verification");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }

    /** As someone with the database owner's rights would: switch the append-only trigger off, change, switch on. */
    private void bypassingTheTrigger(String sql, Object... params) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("alter table identity_audit disable trigger identity_audit_no_update_or_delete").update();
            jdbc.sql(sql).params(params).update();
            jdbc.sql("alter table identity_audit enable trigger identity_audit_no_update_or_delete").update();
        });
    }

    private long readsOf(String petitionNo, String... departments) throws Exception {
        for (String department : departments) {
            getAs(department, "/api/v1/petitions/" + petitionNo + "/petitioners?purpose=check");
        }
        return jdbc.sql("select max(seq) from identity_audit").query(Long.class).single();
    }

    @Test
    void theChainVerifiesAndATamperedOrRemovedEntryIsFound() throws Exception {
        String petitionNo = register(Petitions.petition("LETTER", "HEALTH", "990101004002", Petitions.person()))
                .get("petitionNo").asString();
        long last = readsOf(petitionNo, "XFJ", "RSJ", "WJJ", "XFJ");
        JsonNode intact = verification();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("entriesVerified").asLong()).isEqualTo(last);
        assertThat(intact.get("firstBrokenEntry").isNull()).isTrue();
        String head = jdbc.sql("select hash from identity_audit where seq = ?").param(last).query(String.class).single();
        assertThat(intact.get("lastVerifiedHash").asString()).isEqualTo(head);

        // The table itself refuses changes and removals.
        assertThatThrownBy(() -> jdbc.sql("update identity_audit set outcome = 'GRANTED' where seq = ?").param(last - 1).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from identity_audit where seq = ?").param(last - 1).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate identity_audit").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");

        // Someone who bypasses the trigger turns a refused read (RSJ) into a granted one: the chain breaks there.
        long tampered = last - 2;
        assertThat(jdbc.sql("select outcome from identity_audit where seq = ?").param(tampered).query(String.class)
                .single()).isEqualTo("REFUSED_NOT_ASSIGNED");
        try {
            bypassingTheTrigger("update identity_audit set outcome = 'GRANTED' where seq = ?", tampered);
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntry").asLong()).isEqualTo(tampered);
            assertThat(broken.get("entriesVerified").asLong()).isEqualTo(tampered - 1);
            assertThat(broken.get("problem").asString()).contains("does not match its hash");
        } finally {
            bypassingTheTrigger("update identity_audit set outcome = 'REFUSED_NOT_ASSIGNED' where seq = ?", tampered);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();

        // The caller's client is covered by the hash too: changing it, or removing it, breaks the chain there.
        assertThat(jdbc.sql("select client_id from identity_audit where seq = ?").param(tampered).query(String.class)
                .single()).isEqualTo("rsj");
        for (String forged : new String[] {"xfj", null}) {
            try {
                bypassingTheTrigger("update identity_audit set client_id = ? where seq = ?", forged, tampered);
                JsonNode broken = verification();
                assertThat(broken.get("intact").asBoolean()).isFalse();
                assertThat(broken.get("firstBrokenEntry").asLong()).isEqualTo(tampered);
                assertThat(broken.get("problem").asString()).contains("does not match its hash");
            } finally {
                bypassingTheTrigger("update identity_audit set client_id = 'rsj' where seq = ?", tampered);
            }
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();

        // Removing an entry is found as well, at the entry that is missing.
        Map<String, Object> removed = jdbc.sql("select * from identity_audit where seq = ?").param(tampered)
                .query().singleRow();
        try {
            bypassingTheTrigger("delete from identity_audit where seq = ?", tampered);
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntry").asLong()).isEqualTo(tampered);
            assertThat(broken.get("problem").asString()).contains("missing");
        } finally {
            jdbc.sql("insert into identity_audit (seq, occurred_at, department, client_id, petition_no, fields, purpose,"
                    + " outcome, prev_hash, hash) values (:seq, :occurred_at, :department, :client_id, :petition_no,"
                    + " :fields, :purpose, :outcome, :prev_hash, :hash)").params(removed).update();
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();

        // Recomputing a plain hash is not enough to hide a change: the hash is keyed (HMAC), the key is not in the database.
        String original = jdbc.sql("select hash from identity_audit where seq = ?").param(tampered).query(String.class).single();
        try {
            bypassingTheTrigger("update identity_audit set outcome = 'GRANTED', hash = encode(sha256(convert_to("
                    + "seq || outcome || prev_hash, 'UTF8')), 'hex') where seq = ?", tampered);
            assertThat(verification().get("firstBrokenEntry").asLong()).isEqualTo(tampered);
        } finally {
            bypassingTheTrigger("update identity_audit set outcome = 'REFUSED_NOT_ASSIGNED', hash = ? where seq = ?",
                    original, tampered);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void onlyTheBureauListsTheReadsOfAPetitionWithTheCallerOfEach() throws Exception {
        String petitionNo = register(Petitions.petition("ONLINE", "EDUCATION", "990101004003", Petitions.person()))
                .get("petitionNo").asString();
        route(petitionNo, "JYJ");
        readsOf(petitionNo, "XFJ", "JYJ", "WJJ");

        HttpResponse<String> bureau = getAs("XFJ", "/api/v1/audit/identity-reads?petitionNo=" + petitionNo);
        assertThat(bureau.statusCode()).isEqualTo(200);
        JsonNode entries = json(bureau.body());
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("department").asString()).isEqualTo("XFJ");
        assertThat(entries.get(0).get("clientId").asString()).isEqualTo("xfj");
        assertThat(entries.get(0).get("outcome").asString()).isEqualTo("GRANTED");
        assertThat(entries.get(0).get("fields").asString()).isEqualTo("name,idNumber,phone,address");
        assertThat(entries.get(1).get("department").asString()).isEqualTo("JYJ");
        assertThat(entries.get(1).get("clientId").asString()).isEqualTo("jyj");
        assertThat(entries.get(1).get("petitionNo").asString()).isEqualTo(petitionNo);
        assertThat(entries.get(1).get("purpose").asString()).isEqualTo("check");
        assertThat(entries.get(1).get("outcome").asString()).isEqualTo("GRANTED");
        assertThat(entries.get(2).get("department").asString()).isEqualTo("WJJ");
        assertThat(entries.get(2).get("outcome").asString()).isEqualTo("REFUSED_NOT_ASSIGNED");
        assertThat(entries.get(1).get("prevHash").asString()).isEqualTo(entries.get(0).get("hash").asString());

        // The supervisor is not this petition's acting bureau: 404, as for an unknown petition. A department is
        // refused by role: 403. Both answer with problem details.
        for (String caller : new String[] {"JYJ", "ZFB"}) {
            HttpResponse<String> refused = getAs(caller, "/api/v1/audit/identity-reads?petitionNo=" + petitionNo);
            assertThat(refused.statusCode()).as(caller).isEqualTo("ZFB".equals(caller) ? 404 : 403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).doesNotContain("GRANTED", "prevHash");
        }
        HttpResponse<String> noPetition = getAs("XFJ", "/api/v1/audit/identity-reads");
        assertThat(noPetition.statusCode()).isEqualTo(400);
        assertThat(json(noPetition.body()).get("errors").get(0).get("field").asString()).isEqualTo("petitionNo");
    }

    @Test
    void theOperatorVerifiesTheChainButDepartmentsDoNot() throws Exception {
        HttpResponse<String> operator = getWith(TOKENS.operator(), "/api/v1/audit/identity-reads/verification");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(json(operator.body()).has("intact")).isTrue();
        assertThat(getAs("RSJ", "/api/v1/audit/identity-reads/verification").statusCode()).isEqualTo(403);
        assertThat(getWith(null, "/api/v1/audit/identity-reads/verification").statusCode()).isEqualTo(401);
    }
}
