package org.petitionbridge.risk.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.petitionbridge.risk.projects.RiskLevel;
import org.petitionbridge.risk.screening.ScreeningViews.DisputeView;
import org.petitionbridge.risk.screening.ScreeningViews.HistoryEntry;
import org.petitionbridge.risk.screening.ScreeningViews.RoundView;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rounds, reports, the villages they account for, and the 矛盾纠纷 ledger. */
@Repository
class ScreeningRepository {

    private final JdbcClient jdbc;

    ScreeningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Report(String unit, boolean zeroReport, boolean late, int amendments, Instant firstAt, Instant updatedAt) {
    }

    void insertRound(UUID id, ScreeningRequests.NewRound r, List<String> units, Instant now, String by) {
        jdbc.sql("""
                insert into screening_round (id, name, kind, reason, due_by, units, opened_at, opened_by, sequence)
                values (?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(id, r.name().strip(), r.kind().name(), r.reason(), Timestamp.from(r.dueBy().toInstant()),
                        SqlArrays.of(units), Timestamp.from(now), by)
                .update();
    }

    Optional<RoundView> round(UUID id) {
        return jdbc.sql("select * from screening_round where id = ?").param(id).query((rs, i) -> round(rs)).optional();
    }

    List<RoundView> rounds() {
        return jdbc.sql("select * from screening_round order by opened_at desc, id").query((rs, i) -> round(rs)).list();
    }

    Optional<Report> report(UUID round, String unit) {
        return jdbc.sql("select * from screening_report where round_id = ? and unit = ?").params(round, unit)
                .query((rs, i) -> new Report(rs.getString("unit"), rs.getBoolean("zero_report"), rs.getBoolean("late"),
                        rs.getInt("amendments"), rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    List<Report> reports(UUID round) {
        return jdbc.sql("select * from screening_report where round_id = ? order by unit").param(round)
                .query((rs, i) -> new Report(rs.getString("unit"), rs.getBoolean("zero_report"), rs.getBoolean("late"),
                        rs.getInt("amendments"), rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    /**
     * Locks the issues of the unit's report until the transaction ends (an action or a scan on one of them waits,
     * then finds it gone), and tells whether anyone acted on one of them: then the report can no longer be replaced.
     * The platform's own overdue flags and cards are not acts.
     */
    boolean lockAndAnyActedOn(UUID round, String unit) {
        jdbc.sql("select id from dispute where round_id = ? and unit = ? order by id for update").params(round, unit)
                .query(UUID.class).list();
        return jdbc.sql("""
                        select exists (select 1 from dispute d join dispute_action a on a.dispute_id = d.id
                                       where d.round_id = ? and d.unit = ?
                                         and a.action not in ('OVERDUE', 'YELLOW_CARD', 'RED_CARD'))""")
                .params(round, unit).query(Boolean.class).single();
    }

    /** Removes the unit's report, its villages and its issues with their flags (to store the amended one). */
    void deleteReport(UUID round, String unit) {
        jdbc.sql("delete from dispute_notice where dispute_id in (select id from dispute where round_id = ? and unit = ?)")
                .params(round, unit).update();
        jdbc.sql("delete from dispute_action where dispute_id in (select id from dispute where round_id = ? and unit = ?)")
                .params(round, unit).update();
        jdbc.sql("delete from dispute where round_id = ? and unit = ?").params(round, unit).update();
        jdbc.sql("delete from screening_village where round_id = ? and unit = ?").params(round, unit).update();
        jdbc.sql("delete from screening_report where round_id = ? and unit = ?").params(round, unit).update();
    }

    void insertReport(UUID round, String unit, boolean zero, Instant firstAt, Instant now, boolean late,
            int amendments) {
        jdbc.sql("""
                insert into screening_report (round_id, unit, zero_report, first_at, updated_at, late, amendments)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(round, unit, zero, Timestamp.from(firstAt), Timestamp.from(now), late, amendments).update();
    }

    void insertVillage(UUID round, String unit, String village, boolean zero) {
        jdbc.sql("insert into screening_village (round_id, unit, village_code, zero_report) values (?, ?, ?, ?)")
                .params(round, unit, village, zero).update();
    }

    List<ScreeningViews.VillageView> villages(UUID round, String unit, Function<String, String> name) {
        return jdbc.sql("select village_code, zero_report from screening_village where round_id = ? and unit = ?"
                        + " order by village_code")
                .params(round, unit).query((rs, i) -> new ScreeningViews.VillageView(rs.getString(1),
                        name.apply(rs.getString(1)), rs.getBoolean(2)))
                .list();
    }

    int villagesAccounted(UUID round) {
        return jdbc.sql("select count(*) from screening_village where round_id = ?").param(round)
                .query(Integer.class).single();
    }

    /** One more change of the round; returns its number. */
    long nextRoundSequence(UUID round) {
        return jdbc.sql("update screening_round set sequence = sequence + 1 where id = ? returning sequence")
                .param(round).query(Long.class).single();
    }

    /** Records that the round's notice of this kind was sent; false when it was already. */
    boolean noticeOnce(UUID round, String kind, Instant now) {
        return jdbc.sql("insert into screening_notice (round_id, kind, sent_at) values (?, ?, ?) on conflict do nothing")
                .params(round, kind, Timestamp.from(now)).update() == 1;
    }

    /** Records that the flag or card of this kind was raised; false when it was already. */
    boolean disputeNoticeOnce(UUID dispute, String kind, Instant now) {
        return jdbc.sql("insert into dispute_notice (dispute_id, kind, raised_at) values (?, ?, ?) on conflict do nothing")
                .params(dispute, kind, Timestamp.from(now)).update() == 1;
    }

    /** Rounds due within the given time or already due, whose reminder or overdue notice may still be owed. */
    List<RoundView> roundsDueBefore(Instant until) {
        return jdbc.sql("""
                        select * from screening_round r where due_by <= ?
                          and not exists (select 1 from screening_notice n where n.round_id = r.id and n.kind = 'OVERDUE')
                        order by due_by, id""")
                .param(Timestamp.from(until)).query((rs, i) -> round(rs)).list();
    }

    /** Open issues past their deadline, oldest deadline first. */
    List<UUID> overdue(LocalDate today) {
        return jdbc.sql("""
                        select id from dispute where status in ('OPEN', 'IN_PROGRESS', 'ESCALATED') and resolve_by < ?
                          and not exists (select 1 from dispute_notice n where n.dispute_id = dispute.id
                                          and n.kind = 'RED_CARD')
                        order by resolve_by, id""").param(today).query(UUID.class).list();
    }

    String leaderUnit(UUID dispute) {
        return jdbc.sql("select leader_unit from dispute where id = ?").param(dispute).query(String.class).single();
    }

    void insertDispute(UUID id, UUID round, String unit, ScreeningRequests.Item item, String township,
            String responsible, String leaderUnit, Instant now) {
        jdbc.sql("""
                insert into dispute (id, round_id, unit, division_code, township_code, category, summary,
                    people_involved, risk_level, responsible_department, responsible_person, leader_in_charge,
                    leader_unit, resolve_by, measures, project_id, status, created_at, updated_at, sequence)
                values (:id, :round, :unit, :division, :township, :category, :summary, :people, :level, :responsible,
                    :person, :leader, :leaderUnit, :resolveBy, :measures, :project, 'OPEN', :now, :now, 1)""")
                .param("leaderUnit", leaderUnit)
                .param("id", id).param("round", round).param("unit", unit).param("division", item.divisionCode())
                .param("township", township).param("category", item.category())
                .param("summary", item.summary().strip()).param("people", item.peopleInvolved())
                .param("level", item.riskLevel().name()).param("responsible", responsible)
                .param("person", item.responsiblePerson()).param("leader", item.leaderInCharge())
                .param("resolveBy", item.resolveBy()).param("measures", item.measures())
                .param("project", item.projectId()).param("now", Timestamp.from(now)).update();
    }

    /** The issues of a round's unit, oldest first. */
    List<DisputeView> disputesOf(UUID round, String unit, LocalDate today) {
        return jdbc.sql("select * from dispute where round_id = ? and unit = ? order by created_at, id")
                .params(round, unit).query((rs, i) -> dispute(rs, today, List.of())).list();
    }

    /** The ledger, filtered; {@code viewer} null lists every issue, else those it answers for or reported. */
    List<DisputeView> disputes(DisputeFilter f, String viewer, LocalDate today, int limit, int offset) {
        return jdbc.sql("""
                        select * from dispute
                        where (cast(:viewer as text) is null or responsible_department = :viewer or unit = :viewer
                               or leader_unit = :viewer)
                          and (cast(:round as uuid) is null or round_id = :round)
                          and (cast(:township as text) is null or township_code = :township)
                          and (cast(:category as text) is null or category = :category)
                          and (cast(:level as text) is null or risk_level = :level)
                          and (cast(:status as text) is null or status = :status)
                          and (cast(:department as text) is null or responsible_department = :department)
                          and (cast(:overdue as boolean) is null or (cast(:overdue as boolean)
                               = (status in ('OPEN', 'IN_PROGRESS', 'ESCALATED') and resolve_by < :today)))
                        order by resolve_by, created_at, id limit :limit offset :offset""")
                .param("viewer", viewer).param("round", f.round()).param("township", f.township())
                .param("category", f.category()).param("level", f.riskLevel() == null ? null : f.riskLevel().name())
                .param("status", f.status() == null ? null : f.status().name()).param("department", f.department())
                .param("overdue", f.overdue()).param("today", today).param("limit", limit).param("offset", offset)
                .query((rs, i) -> dispute(rs, today, List.of())).list();
    }

    Optional<DisputeView> dispute(UUID id, LocalDate today, boolean lock) {
        return jdbc.sql("select * from dispute where id = ?" + (lock ? " for update" : "")).param(id)
                .query((rs, i) -> dispute(rs, today, history(id))).optional();
    }

    void act(UUID id, DisputeStatus status, Instant now) {
        jdbc.sql("update dispute set status = ?, updated_at = ?, sequence = sequence + 1 where id = ?")
                .params(status.name(), Timestamp.from(now), id).update();
    }

    /** One more change of the issue without a new status (a flag or a card). */
    void touch(UUID id, Instant now) {
        jdbc.sql("update dispute set updated_at = ?, sequence = sequence + 1 where id = ?")
                .params(Timestamp.from(now), id).update();
    }

    void recordAction(UUID dispute, String action, String department, String clientId, String note, Instant now) {
        jdbc.sql("""
                insert into dispute_action (id, dispute_id, action, department, client_id, note, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), dispute, action, department, clientId, note, Timestamp.from(now)).update();
    }

    /** A petition received from the division about its category since the issue was reported. */
    record Related(ScreeningViews.RelatedPetition petition, Set<String> barred) {
    }

    List<Related> related(DisputeView d) {
        return jdbc.sql("""
                        select f.petition_no, f.received_at, f.group_size, f.barred, s.status from petition_fact f
                        left join petition_status s on s.petition_no = f.petition_no
                        where f.division_code = ? and f.category = ? and f.received_at >= ?
                          and (? or f.received_at <= ?)
                        order by f.received_at, f.petition_no""")
                .params(d.divisionCode(), d.category(), Timestamp.from(d.createdAt()), d.status().isOpen(),
                        Timestamp.from(d.updatedAt()))
                .query((rs, i) -> new Related(new ScreeningViews.RelatedPetition(rs.getString("petition_no"),
                        rs.getTimestamp("received_at").toInstant(), rs.getInt("group_size"), rs.getString("status")),
                        Set.copyOf(SqlArrays.strings(rs, "barred"))))
                .list();
    }

    private List<HistoryEntry> history(UUID dispute) {
        return jdbc.sql("select * from dispute_action where dispute_id = ? order by occurred_at, id").param(dispute)
                .query((rs, i) -> new HistoryEntry(rs.getString("action"), rs.getString("department"),
                        rs.getString("note"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    /** The filters of the ledger's list. */
    record DisputeFilter(UUID round, String township, String category, RiskLevel riskLevel, DisputeStatus status,
            String department, Boolean overdue) {
    }

    private static RoundView round(ResultSet rs) throws SQLException {
        return new RoundView(rs.getObject("id", UUID.class).toString(), rs.getString("name"),
                RoundKind.valueOf(rs.getString("kind")), rs.getString("reason"),
                rs.getTimestamp("due_by").toInstant(), SqlArrays.strings(rs, "units"),
                rs.getTimestamp("opened_at").toInstant(), rs.getString("opened_by"));
    }

    private static DisputeView dispute(ResultSet rs, LocalDate today, List<HistoryEntry> history) throws SQLException {
        DisputeStatus status = DisputeStatus.valueOf(rs.getString("status"));
        LocalDate resolveBy = rs.getDate("resolve_by").toLocalDate();
        UUID project = rs.getObject("project_id", UUID.class);
        return new DisputeView(rs.getObject("id", UUID.class).toString(),
                rs.getObject("round_id", UUID.class).toString(), rs.getString("unit"), rs.getString("division_code"),
                rs.getString("township_code"), rs.getString("category"), rs.getString("summary"),
                rs.getInt("people_involved"), RiskLevel.valueOf(rs.getString("risk_level")),
                rs.getString("responsible_department"), rs.getString("responsible_person"),
                rs.getString("leader_in_charge"), rs.getString("leader_unit"), resolveBy, rs.getString("measures"),
                project == null ? null : project.toString(), status, status.isOpen() && resolveBy.isBefore(today),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("sequence"), history, List.of());
    }
}
