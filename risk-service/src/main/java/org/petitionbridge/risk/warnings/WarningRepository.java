package org.petitionbridge.risk.warnings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Warnings, the petitions they name and what was done about them. In a transaction, a warning is read once and its
 * changes are written once, just before the commit ({@link Work}).
 */
@Repository
class WarningRepository {

    private final JdbcClient jdbc;

    WarningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The open warning of the situation, locked until the transaction ends; read once per transaction (again it is
     * the one the transaction holds, with its changes). The caller holds the situation's lock, so that it has none
     * open stays true for the rest of the transaction until the transaction raises one: warnings are raised only
     * under that lock, and a closed one is never opened again.
     */
    Optional<Warning> lockOpen(String situation) {
        Work work = work();
        Warning held = work == null ? null : work.bySituation.get(situation);
        if (held != null) {
            return held.status().isOpen() ? Optional.of(held) : Optional.empty();
        }
        if (work != null && work.noneOpen.contains(situation)) {
            return Optional.empty();
        }
        Optional<Warning> open = jdbc.sql(
                        "select * from warning where situation = ? and status in ('OPEN', 'ACKNOWLEDGED') for update")
                .param(situation).query((rs, i) -> warning(rs)).optional();
        if (work != null) {
            open.ifPresentOrElse(w -> work.bySituation.put(situation, w), () -> work.noneOpen.add(situation));
        }
        return open;
    }

    /**
     * When the situation's last warning was closed, if one was; asked while it has none open (with its lock held), so
     * read once per transaction: none is closed meanwhile.
     */
    Optional<Instant> lastClosed(String situation) {
        Work work = work();
        if (work != null && work.lastClosed.containsKey(situation)) {
            return work.lastClosed.get(situation);
        }
        Optional<Instant> closed = jdbc.sql("select max(closed_at) from warning where situation = ?").param(situation)
                .query((rs, i) -> rs.getTimestamp(1)).optional().map(t -> t == null ? null : t.toInstant());
        if (work != null) {
            work.lastClosed.put(situation, closed);
        }
        return closed;
    }

    boolean exists(String situation) {
        return jdbc.sql("select exists (select 1 from warning where situation = ?)").param(situation)
                .query(Boolean.class).single();
    }

    Optional<Warning> find(UUID id) {
        return jdbc.sql("select * from warning where id = ?").param(id).query((rs, i) -> warning(rs)).optional();
    }

    Optional<Warning> lock(UUID id) {
        return jdbc.sql("select * from warning where id = ? for update").param(id).query((rs, i) -> warning(rs))
                .optional();
    }

    /**
     * The warnings a viewer may see, most recently changed first, optionally of one status or type: never one that
     * bars the viewer; unless the viewer reads every warning, only those it is responsible for or that bar the
     * bureau or the supervisor (which another department may then act for). The caller applies the visibility policy to each.
     */
    List<Warning> list(String viewer, boolean readsAll, String bureau, String supervisor, WarningStatus status,
            WarningType type, int limit) {
        return jdbc.sql("""
                        select * from warning
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:type as text) is null or type = :type)
                          and not (cast(:viewer as text) = any (barred))
                          and (:readsAll or cast(:viewer as text) = any (departments)
                               or cast(:bureau as text) = any (barred) or cast(:supervisor as text) = any (barred))
                        order by updated_at desc, id limit :limit""")
                .param("status", status == null ? null : status.name()).param("type", type == null ? null : type.name())
                .param("viewer", viewer).param("readsAll", readsAll).param("bureau", bureau).param("supervisor", supervisor)
                .param("limit", limit).query((rs, i) -> warning(rs)).list();
    }

    /** RED warnings still OPEN and not escalated that became RED at or before the time. */
    List<UUID> escalationCandidates(Instant redAtOrBefore) {
        return jdbc.sql("""
                        select id from warning where status = 'OPEN' and escalated_at is null and level = 'RED'
                          and red_since <= ? order by red_since, id""")
                .param(Timestamp.from(redAtOrBefore)).query(UUID.class).list();
    }

    /** Stores a warning just raised (at once: the situation's one open warning is also a unique index). */
    void insert(Warning w) {
        write(w, true);
        Work work = work();
        if (work == null) {
            writeLinks(links(w));
            return;
        }
        work.bySituation.put(w.situation(), w);
        work.link(w);
    }

    /**
     * Stores the warning's state and the petitions its change added: in a transaction, once just before it commits,
     * however often the warning changes in it.
     */
    void save(Warning w) {
        Work work = work();
        if (work == null) {
            write(w, false);
            writeLinks(links(w));
            return;
        }
        work.changed.add(w);
        work.link(w);
    }

    private static List<String[]> links(Warning w) {
        return w.joined().stream()
                .map(p -> new String[] {w.id().toString(), p, w.updatedAt().toString()}).toList();
    }

    private void write(Warning w, boolean insert) {
        String sql = insert ? """
                insert into warning (id, type, situation, level, status, township_code, category, project_id,
                    departments, barred, explanation, contradicts_assessment, raised_at, updated_at, red_since,
                    escalated_at, closed_at, sequence, petition_count)
                values (:id, :type, :situation, :level, :status, :township, :category, :project, :departments,
                    :barred, :explanation, :contradicts, :raisedAt, :updatedAt, :redSince, :escalatedAt, :closedAt,
                    :sequence, :petitionCount)""" : """
                update warning set level = :level, status = :status, departments = :departments, barred = :barred,
                    category = :category,
                    explanation = :explanation, contradicts_assessment = :contradicts, updated_at = :updatedAt,
                    red_since = :redSince, escalated_at = :escalatedAt, closed_at = :closedAt, sequence = :sequence,
                    petition_count = :petitionCount
                where id = :id""";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("id", w.id()).param("level", w.level().name())
                .param("status", w.status().name()).param("departments", SqlArrays.of(w.departments()))
                .param("barred", SqlArrays.of(w.barred())).param("explanation", w.explanation())
                .param("contradicts", w.contradictsAssessment()).param("updatedAt", Timestamp.from(w.updatedAt()))
                .param("redSince", timestamp(w.redSince())).param("escalatedAt", timestamp(w.escalatedAt()))
                .param("closedAt", timestamp(w.closedAt())).param("sequence", w.sequence())
                .param("petitionCount", w.petitionCount());
        statement = statement.param("category", w.category());
        if (insert) {
            statement = statement.param("type", w.type().name()).param("situation", w.situation())
                    .param("township", w.townshipCode())
                    .param("project", w.projectId()).param("raisedAt", Timestamp.from(w.raisedAt()));
        }
        statement.update();
    }

    /**
     * Every petition the warning names: those stored, oldest first, then those the current transaction added (not
     * written before its commit).
     */
    List<String> petitionNos(UUID warning) {
        List<String> numbers = new ArrayList<>(jdbc.sql("""
                        select petition_no from warning_petition where warning_id = ?
                        order by received_at, petition_no""")
                .param(warning).query(String.class).list());
        Work work = work();
        if (work != null) {
            work.links.stream().filter(l -> l[0].equals(warning.toString()) && !numbers.contains(l[1]))
                    .forEach(l -> numbers.add(l[1]));
        }
        return numbers;
    }

    /**
     * Whether the warning names the petition already (also when the current transaction added it); only what this
     * transaction added when the petition's fact was {@code storedBefore} it (a stored warning names stored facts).
     */
    boolean names(UUID warning, String petitionNo, boolean storedBefore) {
        Work work = work();
        if (work != null && work.adds(warning, petitionNo)) {
            return true;
        }
        if (!storedBefore) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from warning_petition where warning_id = ? and petition_no = ?)")
                .params(warning, petitionNo).query(Boolean.class).single();
    }

    /**
     * The warnings of the current transaction: those it read or raised, by situation, and those it changed, written
     * once just before its commit with the petitions they gained. A consumed batch's petitions of one busy
     * township join the same warnings one after the other: each would otherwise read the warning again and write its
     * row again (one update per petition and situation).
     */
    private final class Work implements TransactionSynchronization {

        private final Map<String, Warning> bySituation = new HashMap<>();
        /** Situations found with no open warning (until {@link #bySituation} holds one this transaction raised). */
        private final Set<String> noneOpen = new HashSet<>();
        private final Map<String, Optional<Instant>> lastClosed = new HashMap<>();
        private final Set<Warning> changed = new LinkedHashSet<>();
        private final Set<String> linked = new HashSet<>();
        private final List<String[]> links = new ArrayList<>();
        /** When petitions read in this transaction were received (a fact's time of receipt never changes). */
        private final Map<String, Instant> receipts = new HashMap<>();

        void link(Warning w) {
            links(w).stream().filter(l -> linked.add(l[0] + " " + l[1])).forEach(links::add);
        }

        boolean adds(UUID warning, String petitionNo) {
            return linked.contains(warning + " " + petitionNo);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            changed.forEach(w -> write(w, false));
            writeLinks(links);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WarningRepository.this);
        }
    }

    /**
     * Remembers when a petition read in this transaction was received, so that ordering a warning's latest petitions
     * with it needs no statement ({@link #receivedAt}).
     */
    void remember(String petitionNo, Instant receivedAt) {
        Work work = work();
        if (work != null) {
            work.receipts.put(petitionNo, receivedAt);
        }
    }

    /** When the petition was received, if this transaction read it (a warning's latest, or a fact); else null. */
    Instant receivedAt(String petitionNo) {
        Work work = work();
        return work == null ? null : work.receipts.get(petitionNo);
    }

    /** The current transaction's {@link Work}; null outside a transaction (then every write is made at once). */
    private Work work() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Work work = (Work) TransactionSynchronizationManager.getResource(this);
        if (work == null) {
            work = new Work();
            TransactionSynchronizationManager.bindResource(this, work);
            TransactionSynchronizationManager.registerSynchronization(work);
        }
        return work;
    }

    /** The petitions the warnings gained, in one statement (with each petition's time of receipt). */
    private void writeLinks(List<String[]> links) {
        if (links.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into warning_petition (warning_id, petition_no, joined_at, received_at)
                        select cast(l.w as uuid), l.p, cast(l.j as timestamptz), f.received_at
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) as l (w, p, j)
                        join petition_fact f on f.petition_no = l.p
                        on conflict do nothing""")
                .params(links.stream().map(l -> l[0]).toArray(String[]::new),
                        links.stream().map(l -> l[1]).toArray(String[]::new),
                        links.stream().map(l -> l[2]).toArray(String[]::new))
                .update();
    }

    void recordAction(UUID warning, String action, String department, String clientId, String person, String note,
            Instant now) {
        jdbc.sql("""
                insert into warning_action (id, warning_id, action, department, client_id, person, note, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), warning, action, department, clientId, person, note, Timestamp.from(now))
                .update();
    }

    List<WarningViews.ActionView> actions(UUID warning) {
        return jdbc.sql("select * from warning_action where warning_id = ? order by occurred_at, id").param(warning)
                .query((rs, i) -> new WarningViews.ActionView(rs.getString("action"), rs.getString("department"),
                        rs.getString("person"), rs.getString("note"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private Warning warning(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        // the latest it names (an index scan), not all of them: a busy situation's warning names thousands
        List<String> latest = new ArrayList<>();
        jdbc.sql("""
                        select petition_no, received_at from warning_petition where warning_id = ?
                        order by received_at desc, petition_no desc limit ?""")
                .params(id, WarningChanged.NAMED).query((RowCallbackHandler) row -> {
                    latest.add(row.getString("petition_no"));
                    remember(row.getString("petition_no"), row.getTimestamp("received_at").toInstant());
                });
        Collections.reverse(latest);
        return Warning.stored(id, WarningType.valueOf(rs.getString("type")), rs.getString("situation"),
                rs.getString("township_code"), rs.getString("category"), rs.getObject("project_id", UUID.class),
                rs.getTimestamp("raised_at").toInstant(), WarningLevel.valueOf(rs.getString("level")),
                WarningStatus.valueOf(rs.getString("status")), SqlArrays.strings(rs, "departments"),
                new LinkedHashSet<>(SqlArrays.strings(rs, "barred")), latest, rs.getInt("petition_count"),
                rs.getString("explanation"),
                rs.getBoolean("contradicts_assessment"), rs.getTimestamp("updated_at").toInstant(),
                instant(rs, "red_since"), instant(rs, "escalated_at"), instant(rs, "closed_at"),
                rs.getLong("sequence"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
