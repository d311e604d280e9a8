package org.petitionbridge.notify.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** notify's own table of cases ({@code notify_case}); no other service's tables are read. */
@Repository
public class CaseRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    CaseRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The scope of the advisory lock every writer of a case holds until its transaction ends. */
    static final String LOCKS = "notify-case";

    /**
     * The case, locked until the end of the caller's transaction; a new, empty one, not yet written, if unknown so
     * far ({@link #saveAll} writes it once per transaction, new or known).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CaseState lock(String petitionNo) {
        return lockAll(List.of(petitionNo)).get(petitionNo);
    }

    /**
     * The cases of these petitions, locked until the end of the caller's transaction, new and empty ones (not yet
     * written) for those unknown so far: two statements for any number (a poll's petitions).
     *
     * <p>The lock is a transaction's advisory lock on each petition, not the row's: a case not written yet has no row
     * to lock, and inserting an empty row only to lock it was a second row written for every new case. The cases are
     * read by a statement after the locks are taken, so that it sees what an earlier holder committed; every writer of
     * {@code notify_case} takes them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, CaseState> lockAll(Collection<String> petitionNos) {
        String[] wanted = petitionNos.stream().distinct().sorted().toArray(String[]::new);
        AdvisoryLocks.lockAll(jdbc, LOCKS, Arrays.asList(wanted));
        Map<String, CaseState> locked = new LinkedHashMap<>();
        jdbc.sql("select * from notify_case where petition_no = any(?)").param(wanted)
                .query((rs, i) -> read(rs)).list()
                .forEach(c -> locked.put(c.petitionNo(), c));
        for (String petitionNo : wanted) {
            locked.computeIfAbsent(petitionNo, CaseState::new);
        }
        return locked;
    }

    /**
     * Writes the cases, each as it is now, in one batch of statements (one round trip): a new case is inserted, a known
     * one updated, one row each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void saveAll(Collection<CaseState> cases, Instant now) {
        batch.batchUpdate("""
                insert into notify_case (petition_no, category, petition_class, division_code, status, status_at, lead,
                    co_handlers, assignment_at, sequence, barred, released, received_at, group_petition, repeat_of,
                    received_event_id, received_event_time, received_payload, content_given_to, routed_decision_id,
                    routed_event_id, routed_event_time, routed_at, routed_payload, planned_events, updated_at)
                values (:petitionNo, :category, :petitionClass, :divisionCode, :status, :statusAt, :lead, :coHandlers,
                    :assignmentAt, :sequence, :barred, :released, :receivedAt, :group, :repeatOf, :receivedEventId,
                    :receivedEventTime, :receivedPayload, :contentGivenTo, :routedDecisionId, :routedEventId,
                    :routedEventTime, :routedAt, :routedPayload, :plannedEvents, :now)
                on conflict (petition_no) do update set category = excluded.category,
                    petition_class = excluded.petition_class, division_code = excluded.division_code,
                    status = excluded.status, status_at = excluded.status_at, lead = excluded.lead,
                    co_handlers = excluded.co_handlers, assignment_at = excluded.assignment_at,
                    sequence = excluded.sequence, barred = excluded.barred, released = excluded.released,
                    received_at = excluded.received_at, group_petition = excluded.group_petition,
                    repeat_of = excluded.repeat_of, received_event_id = excluded.received_event_id,
                    received_event_time = excluded.received_event_time, received_payload = excluded.received_payload,
                    content_given_to = excluded.content_given_to, routed_decision_id = excluded.routed_decision_id,
                    routed_event_id = excluded.routed_event_id, routed_event_time = excluded.routed_event_time,
                    routed_at = excluded.routed_at, routed_payload = excluded.routed_payload,
                    planned_events = excluded.planned_events, updated_at = excluded.updated_at""",
                cases.stream().map(c -> parameters(c, now)).toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource parameters(CaseState c, Instant now) {
        return new MapSqlParameterSource()
                .addValue("category", c.category).addValue("petitionClass", c.petitionClass)
                .addValue("divisionCode", c.divisionCode).addValue("status", c.status)
                .addValue("statusAt", ts(c.statusAt)).addValue("lead", c.lead)
                .addValue("coHandlers", SqlArrays.of(c.coHandlers)).addValue("assignmentAt", ts(c.assignmentAt))
                .addValue("sequence", c.sequence, Types.BIGINT).addValue("barred", SqlArrays.of(c.barred))
                .addValue("released", SqlArrays.of(c.released)).addValue("receivedAt", ts(c.receivedAt))
                .addValue("group", c.group).addValue("repeatOf", c.repeatOf)
                .addValue("receivedEventId", c.receivedEventId)
                .addValue("receivedEventTime", ts(c.receivedEventTime)).addValue("receivedPayload", c.receivedPayload)
                .addValue("contentGivenTo", SqlArrays.of(c.contentGivenTo))
                .addValue("routedDecisionId", c.routedDecisionId).addValue("routedEventId", c.routedEventId)
                .addValue("routedEventTime", ts(c.routedEventTime)).addValue("routedAt", ts(c.routedAt))
                .addValue("routedPayload", c.routedPayload).addValue("plannedEvents", SqlArrays.of(c.plannedEvents))
                .addValue("now", Timestamp.from(now)).addValue("petitionNo", c.petitionNo);
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
        c.plannedEvents = new LinkedHashSet<>(SqlArrays.strings(rs, "planned_events"));
        return c;
    }


    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
