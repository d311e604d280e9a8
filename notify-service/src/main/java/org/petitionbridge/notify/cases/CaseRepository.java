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
import java.util.Map;
import java.util.Optional;

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

    /**
     * The case, locked until the end of the caller's transaction; a new, empty one if unknown so far. One statement
     * when {@code expectNew} guesses right (a petition's registration creates its case, its other events find it);
     * two or three otherwise. A known case is locked without being written (saveAll writes it once per transaction).
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

    /**
     * The cases of these petitions, locked until the end of the caller's transaction, new and empty ones for those
     * unknown so far: two statements for any number (a poll's petitions), where {@link #lock} takes one or two each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, CaseState> lockAll(Collection<String> petitionNos, Instant now) {
        String[] wanted = petitionNos.stream().distinct().sorted().toArray(String[]::new);
        Map<String, CaseState> locked = new LinkedHashMap<>();
        // inserting a known petition writes nothing (its conflict is found first); the rows inserted are this
        // transaction's until it ends, so locked as well
        jdbc.sql("""
                insert into notify_case (petition_no, updated_at) select p, ? from unnest(cast(? as text[])) p
                on conflict (petition_no) do nothing
                returning *""")
                .params(Timestamp.from(now), wanted).query((rs, i) -> read(rs)).list()
                .forEach(c -> locked.put(c.petitionNo(), c));
        if (locked.size() < wanted.length) {
            jdbc.sql("select * from notify_case where petition_no = any(?) order by petition_no for update")
                    .param(Arrays.stream(wanted).filter(p -> !locked.containsKey(p)).toArray(String[]::new))
                    .query((rs, i) -> read(rs)).list()
                    .forEach(c -> locked.put(c.petitionNo(), c));
        }
        return locked;
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

    /** Writes the cases, each as it is now, in one batch of statements (one round trip). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void saveAll(Collection<CaseState> cases, Instant now) {
        batch.batchUpdate("""
                update notify_case set category = :category, petition_class = :petitionClass,
                    division_code = :divisionCode, status = :status, status_at = :statusAt, lead = :lead,
                    co_handlers = :coHandlers, assignment_at = :assignmentAt, sequence = :sequence, barred = :barred, released = :released,
                    received_at = :receivedAt, group_petition = :group, repeat_of = :repeatOf,
                    received_event_id = :receivedEventId, received_event_time = :receivedEventTime,
                    received_payload = :receivedPayload, content_given_to = :contentGivenTo, routed_decision_id = :routedDecisionId,
                    routed_event_id = :routedEventId, routed_event_time = :routedEventTime, routed_at = :routedAt,
                    routed_payload = :routedPayload, planned_events = :plannedEvents, updated_at = :now
                where petition_no = :petitionNo""",
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
