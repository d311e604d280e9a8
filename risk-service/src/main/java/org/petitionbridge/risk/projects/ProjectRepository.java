package org.petitionbridge.risk.projects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.risk.Percent;
import org.petitionbridge.risk.projects.ProjectRequests.NewAssessment;
import org.petitionbridge.risk.projects.ProjectRequests.NewProject;
import org.petitionbridge.risk.projects.ProjectRequests.RiskPoint;
import org.petitionbridge.risk.projects.ProjectViews.AssessmentView;
import org.petitionbridge.risk.projects.ProjectViews.LinkedPetition;
import org.petitionbridge.risk.projects.ProjectViews.ProjectView;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Projects, their assessments and the petitions linked to them. */
@Repository
class ProjectRepository {

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(NewProject p, String department, Instant now, String by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into project (id, name, department, divisions, categories, households, planned_start,
                    description, status, created_at, created_by)
                values (:id, :name, :department, :divisions, :categories, :households, :plannedStart, :description,
                    'DRAFT', :now, :by)""")
                .param("id", id).param("name", p.name().strip()).param("department", department)
                .param("divisions", SqlArrays.of(p.divisions())).param("categories", SqlArrays.of(p.categories()))
                .param("households", p.households()).param("plannedStart", p.plannedStart())
                .param("description", p.description()).param("now", Timestamp.from(now)).param("by", by)
                .update();
        return id;
    }

    /** The project, locked until the transaction ends (assessments and decisions of one project wait in turn). */
    Optional<ProjectView> lock(UUID id) {
        return jdbc.sql("select * from project where id = ? for update").param(id).query((rs, i) -> project(rs))
                .optional();
    }

    Optional<ProjectView> find(UUID id) {
        return jdbc.sql("select * from project where id = ?").param(id).query((rs, i) -> project(rs)).optional();
    }

    /** Every project (department null), or the department's, newest first. */
    List<ProjectView> list(String department) {
        return jdbc.sql("""
                        select * from project where cast(:department as text) is null or department = :department
                        order by created_at desc, id""")
                .param("department", department).query((rs, i) -> project(rs)).list();
    }

    void insertAssessment(UUID project, NewAssessment a, RiskLevel computed, RiskLevel level, Instant now, String by) {
        jdbc.sql("""
                insert into assessment (id, project_id, number, risk_points, households_surveyed, opposed, methods,
                    conclusion, computed_level, level, assessed_at, assessed_by)
                values (:id, :project, (select coalesce(max(number), 0) + 1 from assessment where project_id = :project),
                    cast(:riskPoints as jsonb), :surveyed, :opposed, :methods, :conclusion, :computed, :level, :now,
                    :by)""")
                .param("id", UUID.randomUUID()).param("project", project)
                .param("riskPoints", new String(EventCodec.toJson(a.riskPoints()), java.nio.charset.StandardCharsets.UTF_8))
                .param("surveyed", a.survey().householdsSurveyed()).param("opposed", a.survey().opposed())
                .param("methods", SqlArrays.of(a.methods())).param("conclusion", a.conclusion().strip())
                .param("computed", computed.name()).param("level", level.name()).param("now", Timestamp.from(now))
                .param("by", by).update();
        jdbc.sql("update project set level = :level, status = case when status = 'DRAFT' then 'ASSESSED' else status end"
                        + " where id = :id")
                .param("level", level.name()).param("id", project).update();
    }

    void decide(UUID project, Decision decision, String reason, Instant now, String by) {
        jdbc.sql("""
                update project set decision = :decision, decision_reason = :reason, decided_at = :now,
                    decided_by = :by, status = :status where id = :id""")
                .param("decision", decision.name()).param("reason", reason.strip()).param("now", Timestamp.from(now))
                .param("by", by).param("status", decision.result().name()).param("id", project).update();
    }

    /** A linked petition with the departments its complaint bars, and those the petition it repeats bars. */
    record Linked(LinkedPetition petition, Set<String> barred, Set<String> repeatBarred) {
    }

    /** The project's petitions, oldest first; the caller filters them by the visibility policy. */
    List<Linked> petitions(UUID project) {
        return jdbc.sql("""
                        select f.petition_no, f.category, f.division_code, f.received_at, f.group_size, f.is_group,
                            f.repeat_of, f.barred, r.petition_no as known_repeat, r.barred as repeat_barred, s.status
                        from project_petition l join petition_fact f on f.petition_no = l.petition_no
                        left join petition_fact r on r.petition_no = f.repeat_of
                        left join petition_status s on s.petition_no = f.petition_no
                        where l.project_id = :project
                        order by f.received_at, f.petition_no""")
                .param("project", project)
                .query((rs, i) -> new Linked(new LinkedPetition(rs.getString("petition_no"), rs.getString("category"),
                        rs.getString("division_code"), rs.getTimestamp("received_at").toInstant(),
                        rs.getInt("group_size"), rs.getBoolean("is_group"),
                        // the petition it repeats, unless that one is unknown here
                        rs.getString("known_repeat") == null ? null : rs.getString("repeat_of"),
                        rs.getString("status")),
                        Set.copyOf(SqlArrays.strings(rs, "barred")),
                        rs.getString("known_repeat") == null ? Set.of()
                                : Set.copyOf(SqlArrays.strings(rs, "repeat_barred"))))
                .list();
    }

    private ProjectView project(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String decision = rs.getString("decision");
        String level = rs.getString("level");
        Timestamp decided = rs.getTimestamp("decided_at");
        java.sql.Date start = rs.getDate("planned_start");
        int households = rs.getInt("households");
        return new ProjectView(id.toString(), rs.getString("name"), rs.getString("department"),
                SqlArrays.strings(rs, "divisions"), SqlArrays.strings(rs, "categories"), households,
                start == null ? null : start.toLocalDate(), rs.getString("description"),
                ProjectStatus.valueOf(rs.getString("status")), level == null ? null : RiskLevel.valueOf(level),
                decision == null ? null : Decision.valueOf(decision), rs.getString("decision_reason"),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), assessments(id, households));
    }

    private List<AssessmentView> assessments(UUID project, int households) {
        return jdbc.sql("select * from assessment where project_id = ? order by number").param(project)
                .query((rs, i) -> {
                    int surveyed = rs.getInt("households_surveyed");
                    int opposed = rs.getInt("opposed");
                    return new AssessmentView(rs.getInt("number"),
                            Arrays.asList(EventCodec.fromJson(rs.getString("risk_points")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), RiskPoint[].class)),
                            surveyed, opposed, Percent.of(surveyed, households), Percent.of(opposed, surveyed),
                            SqlArrays.strings(rs, "methods"), rs.getString("conclusion"),
                            RiskLevel.valueOf(rs.getString("computed_level")), RiskLevel.valueOf(rs.getString("level")),
                            rs.getTimestamp("assessed_at").toInstant(), rs.getString("assessed_by"));
                }).list();
    }
}
