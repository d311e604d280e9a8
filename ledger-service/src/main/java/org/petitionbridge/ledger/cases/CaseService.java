package org.petitionbridge.ledger.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.events.outbox.OutboxWriter;
import org.petitionbridge.events.outbox.ProcessedEvents;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Builds the cases of the ledger from the petitions intake registers and the decisions routing makes. Each
 * consumed event, its effect on the case, the history entry and the outgoing status event are committed in
 * one transaction; a per-petition advisory lock orders the handling of one petition's events that arrive on
 * different topics (a decision may be consumed before the petition it routes).
 */
@Service
public class CaseService {

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private static final TypeReference<List<CaseView.Petitioner>> PETITIONERS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final ProcessedEvents processed;
    private final Clock clock;

    CaseService(JdbcClient jdbc, OutboxWriter outbox, ProcessedEvents processed, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.processed = processed;
        this.clock = clock;
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        lock(p.petitionNo());
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        int inserted = jdbc.sql("""
                insert into petition_case (petition_no, status, channel, category, petition_class, division_code,
                    subject, content, petitioners, group_size, is_group, repeat_of, complained_department,
                    received_at, assign_due, opened_at, updated_at)
                values (:no, 'REGISTERED', :channel, :category, :class, :division, :subject, :content,
                    cast(:petitioners as jsonb), :groupSize, :group, :repeatOf, :against, :receivedAt, :assignDue,
                    :now, :now)
                on conflict (petition_no) do nothing""")
                .param("no", p.petitionNo()).param("channel", p.channel()).param("category", p.category())
                .param("class", p.petitionClass()).param("division", p.divisionCode()).param("subject", p.subject())
                .param("content", p.content()).param("petitioners", petitionersJson(p))
                .param("groupSize", p.groupSize()).param("group", p.group()).param("repeatOf", p.repeatOf())
                .param("against", p.complainedAgainst() == null ? null : p.complainedAgainst().department())
                .param("receivedAt", Timestamp.from(p.receivedAt()))
                .param("assignDue", StatutoryClock.assignDue(p.receivedAt()))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            log.warn("Case {} already exists; petition.received.v1 {} ignored", p.petitionNo(), received.event().id());
            return;
        }
        transition(p.petitionNo(), null, "REGISTERED", "OPENED", null, "登记：" + p.channel());
        // A decision that arrived before the petition is applied now.
        jdbc.sql("select event_type, payload from pending_decision where petition_no = ? order by id")
                .param(p.petitionNo()).query((rs, i) -> {
                    if (PetitionTriaged.TYPE.equals(rs.getString("event_type"))) {
                        applyTriaged(EventCodec.fromJson(rs.getBytes("payload"), PetitionTriaged.class));
                    } else {
                        applyRouted(EventCodec.fromJson(rs.getBytes("payload"), PetitionRouted.class));
                    }
                    return 1;
                }).list();
        jdbc.sql("delete from pending_decision where petition_no = ?").param(p.petitionNo()).update();
    }

    @Transactional
    public void onRouted(EventCodec.Received<PetitionRouted> received) {
        PetitionRouted r = received.data();
        lock(r.petitionNo());
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        if (!exists(r.petitionNo())) {
            jdbc.sql("insert into pending_decision (petition_no, event_type, payload) values (?, ?, ?)")
                    .params(r.petitionNo(), PetitionRouted.TYPE, EventCodec.toJson(r)).update();
            return;
        }
        applyRouted(r);
    }

    @Transactional
    public void onTriaged(EventCodec.Received<PetitionTriaged> received) {
        PetitionTriaged t = received.data();
        lock(t.petitionNo());
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        if (!exists(t.petitionNo())) {
            jdbc.sql("insert into pending_decision (petition_no, event_type, payload) values (?, ?, ?)")
                    .params(t.petitionNo(), PetitionTriaged.TYPE, EventCodec.toJson(t)).update();
            return;
        }
        applyTriaged(t);
    }

    private void applyTriaged(PetitionTriaged t) {
        String from = status(t.petitionNo());
        jdbc.sql("update petition_case set status = 'TRIAGE', routing_explanation = ?, updated_at = ? where petition_no = ?")
                .params(t.reason(), Timestamp.from(clock.instant()), t.petitionNo()).update();
        transition(t.petitionNo(), from, "TRIAGE", "TRIAGED", null, t.reason());
    }

    private void applyRouted(PetitionRouted r) {
        String from = status(r.petitionNo());
        Instant assignedAt = r.decidedAt();
        jdbc.sql("""
                update petition_case set status = 'ASSIGNED', lead = ?, co_handlers = ?, category = coalesce(category, ?),
                    petition_class = coalesce(petition_class, ?), routing_explanation = ?, assigned_at = ?,
                    acknowledge_due = ?, updated_at = ?
                where petition_no = ?""")
                .params(r.lead(), r.coHandlers().toArray(String[]::new), r.category(), r.petitionClass(),
                        r.explanation(), Timestamp.from(assignedAt), StatutoryClock.acknowledgeDue(assignedAt),
                        Timestamp.from(clock.instant()), r.petitionNo())
                .update();
        transition(r.petitionNo(), from, "ASSIGNED", "ROUTED", null, r.explanation());
    }

    /** Appends the history entry and the status event of a change. */
    private void transition(String petitionNo, String from, String to, String action, String actor, String detail) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into case_history (petition_no, occurred_at, action, actor_department, from_status, to_status, detail)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(petitionNo, Timestamp.from(now), action, actor, from, to, detail).update();
        CaseView c = find(petitionNo).orElseThrow();
        outbox.append(new CaseStatusChanged(petitionNo, to, from, action, actor, c.lead(), c.coHandlers(),
                c.category(), c.petitionClass(), c.divisionCode(), complainedDepartment(petitionNo), now,
                c.dueDates(), null), now);
    }

    private void lock(String petitionNo) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(petitionNo).query(Object.class).single();
    }

    private boolean exists(String petitionNo) {
        return jdbc.sql("select count(*) from petition_case where petition_no = ?").param(petitionNo)
                .query(Integer.class).single() > 0;
    }

    private String status(String petitionNo) {
        return jdbc.sql("select status from petition_case where petition_no = ?").param(petitionNo)
                .query(String.class).single();
    }

    private String complainedDepartment(String petitionNo) {
        return jdbc.sql("select complained_department from petition_case where petition_no = ?").param(petitionNo)
                .query(String.class).optional().orElse(null);
    }

    @Transactional(readOnly = true)
    public Optional<CaseView> find(String petitionNo) {
        return jdbc.sql("select * from petition_case where petition_no = ?").param(petitionNo)
                .query(this::toView).optional();
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(String petitionNo) {
        return jdbc.sql("""
                select id, occurred_at, action, actor_department, from_status, to_status, detail
                from case_history where petition_no = ? order by id""")
                .param(petitionNo)
                .query((rs, i) -> new HistoryEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("action"), rs.getString("actor_department"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("detail")))
                .list();
    }

    private CaseView toView(ResultSet rs, int row) throws SQLException {
        Map<String, LocalDate> due = new LinkedHashMap<>();
        putDate(due, "assign", rs, "assign_due");
        putDate(due, "acknowledge", rs, "acknowledge_due");
        java.sql.Array co = rs.getArray("co_handlers");
        return new CaseView(rs.getString("petition_no"), rs.getString("status"), rs.getString("channel"),
                rs.getString("category"), rs.getString("petition_class"), rs.getString("division_code"),
                rs.getString("subject"), rs.getString("content"),
                EventCodec.mapper().readValue(rs.getString("petitioners"), PETITIONERS), rs.getBoolean("is_group"),
                rs.getString("repeat_of"), rs.getString("lead"), co == null ? List.of() : List.of((String[]) co.getArray()),
                rs.getString("routing_explanation"), rs.getString("responsible_person"),
                instant(rs, "received_at"), instant(rs, "assigned_at"), due, instant(rs, "updated_at"));
    }

    private static void putDate(Map<String, LocalDate> due, String name, ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        if (date != null) {
            due.put(name, date.toLocalDate());
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String petitionersJson(PetitionReceived p) {
        return EventCodec.mapper().writeValueAsString(p.petitioners().stream()
                .map(x -> new CaseView.Petitioner(x.pseudonym(), x.maskedName())).toList());
    }
}
