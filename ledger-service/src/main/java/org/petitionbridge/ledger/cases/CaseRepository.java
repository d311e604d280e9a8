package org.petitionbridge.ledger.cases;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code petition_case} rows: a {@link CaseState} to its columns and back. */
@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CaseState> find(String petitionNo) {
        return jdbc.sql("select * from petition_case where petition_no = ?").param(petitionNo)
                .query((rs, i) -> map(rs)).optional();
    }

    /** The scope of {@link #lock}: a consumed batch takes its petitions' locks first (LedgerConsumers). */
    public static final String LOCKS = "petition";

    /** Locks the case row (and serialises every handler of this petition) for the rest of the transaction. */
    public void lock(String petitionNo) {
        AdvisoryLocks.lock(jdbc, LOCKS, petitionNo);
    }

    public boolean exists(String petitionNo) {
        return jdbc.sql("select count(*) from petition_case where petition_no = ?").param(petitionNo)
                .query(Integer.class).single() > 0;
    }

    /**
     * Inserts a new case as it is after its first change: its identity and facts and every field that can change, in
     * one row (inserting it empty and then writing its first change was two).
     */
    public void insert(CaseState c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("petition_no", c.petitionNo());
        p.put("channel", c.channel());
        p.put("division_code", c.divisionCode());
        p.put("township_code", c.townshipCode());
        p.put("subject", c.subject());
        p.put("content", c.content());
        p.put("petitioners", c.petitionersJson());
        p.put("group_size", c.groupSize());
        p.put("is_group", c.group());
        p.put("repeat_of", c.repeatOf());
        p.put("complained_department", c.complainedDepartment());
        p.put("barred", SqlArrays.of(c.barred()));
        p.put("acting_bureau", c.actingBureau());
        p.put("acting_supervisor", c.actingSupervisor());
        p.put("tracking_code_hash", c.trackingCodeHash());
        p.put("received_at", ts(c.receivedAt()));
        p.put("opened_at", ts(c.openedAt()));
        p.putAll(columns(c));
        String values = String.join(", ", p.keySet().stream()
                .map(column -> "petitioners".equals(column) ? "cast(:petitioners as jsonb)" : ":" + column).toList());
        jdbc.sql("insert into petition_case (" + String.join(", ", p.keySet()) + ") values (" + values + ")")
                .params(p).update();
    }

    /** Writes every field that can change. */
    public void update(CaseState c) {
        Map<String, Object> p = columns(c);
        StringBuilder sql = new StringBuilder("update petition_case set ");
        int i = 0;
        for (String column : p.keySet()) {
            sql.append(i++ == 0 ? "" : ", ").append(column).append(" = :").append(column);
        }
        sql.append(" where petition_no = :petition_no");
        jdbc.sql(sql.toString()).params(p).param("petition_no", c.petitionNo()).update();
    }

    /** The columns of {@code petition_case} that can change, with the case's values, as {@link #update} writes them. */
    static Map<String, Object> columns(CaseState c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", c.status().name());
        p.put("category", c.category());
        p.put("petition_class", c.petitionClass());
        p.put("attached_to", c.attachedTo());
        p.put("repeat_count", c.repeatCount());
        p.put("not_accepted_reason", c.notAcceptedReason());
        p.put("lead", c.lead());
        p.put("co_handlers", SqlArrays.of(c.coHandlers()));
        p.put("routing_explanation", c.routingExplanation());
        p.put("responsible_person", c.responsiblePerson());
        p.put("assigned_at", ts(c.assignedAt()));
        p.put("acknowledged_at", ts(c.acknowledgedAt()));
        p.put("notified_by", c.notifiedBy());
        p.put("assign_due", c.assignDue());
        p.put("acknowledge_due", c.acknowledgeDue());
        p.put("objection_due", c.objectionDue());
        p.put("objecting_department", c.objectingDepartment());
        p.put("status_before_objection", name(c.statusBeforeObjection()));
        p.put("excluded_departments", SqlArrays.of(c.excludedDepartments()));
        p.put("reply_due", c.replyDue());
        p.put("extension_status", name(c.extensionStatus()));
        p.put("extension_days", c.extensionDays());
        p.put("replied_at", ts(c.repliedAt()));
        p.put("reply_outcome", c.replyOutcome());
        p.put("satisfaction", c.satisfaction());
        p.put("evaluated_at", ts(c.evaluatedAt()));
        p.put("closed_at", ts(c.closedAt()));
        p.put("redirected_at", ts(c.redirectedAt()));
        p.put("redirect_procedure", c.redirectProcedure());
        p.put("review_request_due", c.reviewRequestDue());
        p.put("review_requested_at", ts(c.reviewRequestedAt()));
        p.put("review_decision_due", c.reviewDecisionDue());
        p.put("reviewed_at", ts(c.reviewedAt()));
        p.put("review_outcome", c.reviewOutcome());
        p.put("recheck_request_due", c.recheckRequestDue());
        p.put("recheck_requested_at", ts(c.recheckRequestedAt()));
        p.put("recheck_decision_due", c.recheckDecisionDue());
        p.put("rechecked_at", ts(c.recheckedAt()));
        p.put("recheck_outcome", c.recheckOutcome());
        p.put("supervision_count", c.supervisionCount());
        p.put("sequence", c.sequence());
        p.put("updated_at", ts(c.updatedAt()));
        return p;
    }

    static CaseState map(ResultSet rs) throws SQLException {
        return CaseState.builder()
                .petitionNo(rs.getString("petition_no"))
                .status(CaseStatus.valueOf(rs.getString("status")))
                .channel(rs.getString("channel"))
                .category(rs.getString("category"))
                .petitionClass(rs.getString("petition_class"))
                .divisionCode(rs.getString("division_code"))
                .townshipCode(rs.getString("township_code"))
                .subject(rs.getString("subject"))
                .content(rs.getString("content"))
                .petitionersJson(rs.getString("petitioners"))
                .groupSize(rs.getInt("group_size"))
                .group(rs.getBoolean("is_group"))
                .repeatOf(rs.getString("repeat_of"))
                .attachedTo(rs.getString("attached_to"))
                .repeatCount(rs.getInt("repeat_count"))
                .notAcceptedReason(rs.getString("not_accepted_reason"))
                .complainedDepartment(rs.getString("complained_department"))
                .barred(SqlArrays.strings(rs, "barred"))
                .actingBureau(rs.getString("acting_bureau"))
                .actingSupervisor(rs.getString("acting_supervisor"))
                .sequence(rs.getLong("sequence"))
                .trackingCodeHash(rs.getString("tracking_code_hash"))
                .lead(rs.getString("lead"))
                .coHandlers(SqlArrays.strings(rs, "co_handlers"))
                .routingExplanation(rs.getString("routing_explanation"))
                .responsiblePerson(rs.getString("responsible_person"))
                .receivedAt(instant(rs, "received_at"))
                .assignedAt(instant(rs, "assigned_at"))
                .acknowledgedAt(instant(rs, "acknowledged_at"))
                .notifiedBy(rs.getString("notified_by"))
                .assignDue(date(rs, "assign_due"))
                .acknowledgeDue(date(rs, "acknowledge_due"))
                .objectionDue(date(rs, "objection_due"))
                .objectingDepartment(rs.getString("objecting_department"))
                .statusBeforeObjection(status(rs, "status_before_objection"))
                .excludedDepartments(SqlArrays.strings(rs, "excluded_departments"))
                .replyDue(date(rs, "reply_due"))
                .extensionStatus(extension(rs, "extension_status"))
                .extensionDays((Integer) rs.getObject("extension_days"))
                .repliedAt(instant(rs, "replied_at"))
                .replyOutcome(rs.getString("reply_outcome"))
                .satisfaction(rs.getString("satisfaction"))
                .evaluatedAt(instant(rs, "evaluated_at"))
                .closedAt(instant(rs, "closed_at"))
                .redirectedAt(instant(rs, "redirected_at"))
                .redirectProcedure(rs.getString("redirect_procedure"))
                .reviewRequestDue(date(rs, "review_request_due"))
                .reviewRequestedAt(instant(rs, "review_requested_at"))
                .reviewDecisionDue(date(rs, "review_decision_due"))
                .reviewedAt(instant(rs, "reviewed_at"))
                .reviewOutcome(rs.getString("review_outcome"))
                .recheckRequestDue(date(rs, "recheck_request_due"))
                .recheckRequestedAt(instant(rs, "recheck_requested_at"))
                .recheckDecisionDue(date(rs, "recheck_decision_due"))
                .recheckedAt(instant(rs, "rechecked_at"))
                .recheckOutcome(rs.getString("recheck_outcome"))
                .supervisionCount(rs.getInt("supervision_count"))
                .openedAt(instant(rs, "opened_at"))
                .updatedAt(instant(rs, "updated_at"))
                .build();
    }

    private static CaseStatus status(ResultSet rs, String column) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : CaseStatus.valueOf(name);
    }

    private static ExtensionStatus extension(ResultSet rs, String column) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : ExtensionStatus.valueOf(name);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
