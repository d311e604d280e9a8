package org.petitionbridge.notify.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;

import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** notify's own table of cases ({@code notify_case}); no other service's tables are read. */
@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The case, locked until the end of the caller's transaction; a new, empty one if unknown so far. One statement
     * when {@code expectNew} guesses right (a petition's registration creates its case, its other events find it);
     * two or three otherwise. A known case is locked without being written (save writes it once per event).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CaseState lock(String petitionNo, Instant now, boolean expectNew) {
        if (expectNew) {
            Optional<CaseState> created = create(petitionNo, now);
            return created.isPresent() ? created.get() : locked(petitionNo).orElseThrow();
        }
        // The insert waits for a concurrent one of the same petition, so the select then finds the row.
        return locked(petitionNo).orElseGet(() -> create(petitionNo, now).orElseGet(
                () -> locked(petitionNo).orElseThrow()));
    }

    /** The new case, or empty when it exists (the row inserted is this transaction's until it ends). */
    private Optional<CaseState> create(String petitionNo, Instant now) {
        return jdbc.sql("""
                insert into notify_case (petition_no, updated_at) values (?, ?) on conflict (petition_no) do nothing
                returning *""")
                .params(petitionNo, Timestamp.from(now)).query((rs, i) -> read(rs)).optional();
    }

    private Optional<CaseState> locked(String petitionNo) {
        return jdbc.sql("select * from notify_case where petition_no = ? for update")
                .param(petitionNo).query((rs, i) -> read(rs)).optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void save(CaseState c, Instant now) {
        jdbc.sql("""
                update notify_case set category = :category, petition_class = :petitionClass,
                    division_code = :divisionCode, status = :status, status_at = :statusAt, lead = :lead,
                    co_handlers = :coHandlers, assignment_at = :assignmentAt, sequence = :sequence, barred = :barred, released = :released,
                    received_at = :receivedAt, group_petition = :group, repeat_of = :repeatOf,
                    received_event_id = :receivedEventId, received_event_time = :receivedEventTime,
                    received_payload = :receivedPayload, content_given_to = :contentGivenTo, routed_decision_id = :routedDecisionId,
                    routed_event_id = :routedEventId, routed_event_time = :routedEventTime, routed_at = :routedAt,
                    routed_payload = :routedPayload, updated_at = :now
                where petition_no = :petitionNo""")
                .param("category", c.category).param("petitionClass", c.petitionClass)
                .param("divisionCode", c.divisionCode).param("status", c.status).param("statusAt", ts(c.statusAt))
                .param("lead", c.lead).param("coHandlers", SqlArrays.of(c.coHandlers))
                .param("assignmentAt", ts(c.assignmentAt)).param("sequence", c.sequence).param("barred", SqlArrays.of(c.barred))
                .param("released", SqlArrays.of(c.released)).param("receivedAt", ts(c.receivedAt))
                .param("group", c.group).param("repeatOf", c.repeatOf).param("receivedEventId", c.receivedEventId)
                .param("receivedEventTime", ts(c.receivedEventTime)).param("receivedPayload", c.receivedPayload)
                .param("contentGivenTo", SqlArrays.of(c.contentGivenTo))
                .param("routedDecisionId", c.routedDecisionId).param("routedEventId", c.routedEventId)
                .param("routedEventTime", ts(c.routedEventTime)).param("routedAt", ts(c.routedAt))
                .param("routedPayload", c.routedPayload)
                .param("now", Timestamp.from(now)).param("petitionNo", c.petitionNo)
                .update();
    }

    private static CaseState read(ResultSet rs) throws SQLException {
        CaseState c = new CaseState(rs.getString("petition_no"));
        c.category = rs.getString("category");
        c.petitionClass = rs.getString("petition_class");
        c.divisionCode = rs.getString("division_code");
        c.status = rs.getString("status");
        c.statusAt = instant(rs.getTimestamp("status_at"));
        c.lead = rs.getString("lead");
        c.coHandlers = new ArrayList<>(SqlArrays.strings(rs, "co_handlers"));
        c.assignmentAt = instant(rs.getTimestamp("assignment_at"));
        c.sequence = (Long) rs.getObject("sequence");
        c.barred = new LinkedHashSet<>(SqlArrays.strings(rs, "barred"));
        c.released = new LinkedHashSet<>(SqlArrays.strings(rs, "released"));
        c.receivedAt = instant(rs.getTimestamp("received_at"));
        c.group = rs.getBoolean("group_petition");
        c.repeatOf = rs.getString("repeat_of");
        c.receivedEventId = rs.getString("received_event_id");
        c.receivedEventTime = instant(rs.getTimestamp("received_event_time"));
        c.receivedPayload = rs.getString("received_payload");
        c.contentGivenTo = new LinkedHashSet<>(SqlArrays.strings(rs, "content_given_to"));
        c.routedDecisionId = rs.getString("routed_decision_id");
        c.routedEventId = rs.getString("routed_event_id");
        c.routedEventTime = instant(rs.getTimestamp("routed_event_time"));
        c.routedAt = instant(rs.getTimestamp("routed_at"));
        c.routedPayload = rs.getString("routed_payload");
        return c;
    }


    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
