package org.petitionbridge.risk.petitions;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The situations risk relates a petition to, as the caller may see them. */
@Service
public class RelatedSituations {

    private final JdbcClient jdbc;
    private final VisibilityPolicy visibility;

    RelatedSituations(JdbcClient jdbc, VisibilityPolicy visibility) {
        this.jdbc = jdbc;
        this.visibility = visibility;
    }

    @Schema(description = "What risk relates to a petition")
    public record Related(String petitionNo, List<ProjectRef> projects, List<DisputeRef> disputes) {
    }

    public record ProjectRef(String id, String name, String department, String status, String level) {
    }

    public record DisputeRef(String id, String roundId, String riskLevel, String status, String responsibleDepartment,
            String unit, LocalDate resolveBy) {
    }

    @Transactional(readOnly = true)
    public Related of(Caller caller, String petitionNo) {
        Set<String> barred = jdbc.sql("select barred from petition_fact where petition_no = ?").param(petitionNo)
                .query((rs, i) -> Set.copyOf(SqlArrays.strings(rs, "barred"))).optional()
                .orElseThrow(() -> notFound(petitionNo));
        List<ProjectRef> projects = jdbc.sql("""
                        select p.id, p.name, p.department, p.status, p.level from project_petition l
                        join project p on p.id = l.project_id where l.petition_no = ? order by p.created_at, p.id""")
                .param(petitionNo).query((rs, i) -> new ProjectRef(rs.getString("id"), rs.getString("name"),
                        rs.getString("department"), rs.getString("status"), rs.getString("level")))
                .list().stream().filter(p -> visibility.situation(caller, barred, Set.of(p.department())) != Access.NONE)
                .toList();
        List<DisputeRef> disputes = jdbc.sql("""
                        select d.* from petition_fact f join dispute d on d.division_code = f.division_code
                          and d.category = f.category and d.created_at <= f.received_at
                        where f.petition_no = ?
                          and (d.status in ('OPEN', 'IN_PROGRESS', 'ESCALATED')
                               or d.updated_at >= f.received_at)
                        order by d.created_at, d.id""")
                .param(petitionNo).query((rs, i) -> new DisputeRef(rs.getString("id"), rs.getString("round_id"),
                        rs.getString("risk_level"), rs.getString("status"), rs.getString("responsible_department"),
                        rs.getString("unit"), rs.getDate("resolve_by").toLocalDate()))
                .list().stream().filter(d -> visibility.situation(caller, barred,
                        new HashSet<>(List.of(d.responsibleDepartment(), d.unit()))) != Access.NONE)
                .toList();
        if (visibility.situation(caller, barred, Set.of()) == Access.NONE && projects.isEmpty() && disputes.isEmpty()) {
            throw notFound(petitionNo);
        }
        return new Related(petitionNo, projects, disputes);
    }

    private static NotFoundException notFound(String petitionNo) {
        return new NotFoundException("No petition " + petitionNo + " related to anything you may see");
    }
}
