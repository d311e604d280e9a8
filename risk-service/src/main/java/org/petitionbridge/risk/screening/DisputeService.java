package org.petitionbridge.risk.screening;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVPrinter;
import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.Percent;
import org.petitionbridge.risk.screening.ScreeningRepository.DisputeFilter;
import org.petitionbridge.risk.screening.ScreeningRequests.NewDisputeAction;
import org.petitionbridge.risk.screening.ScreeningViews.DisputeView;
import org.petitionbridge.risk.screening.ScreeningViews.StatisticsRow;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.csv.SpreadsheetCsv;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 矛盾纠纷 ledger: every issue a screening report found, with its responsible department, person, leader in
 * charge and deadline, acted on until the bureau strikes it off (销号). A department sees the issues it answers for
 * and those it reported; the bureau and the supervisor see all. The responsible department (or the bureau) acts;
 * only the (acting) bureau strikes off and reopens.
 */
@Service
public class DisputeService {

    static final List<String> CSV_HEADERS = List.of("编号", "排查轮次", "报送单位", "属地代码", "属地", "类别", "风险等级",
            "涉及人数", "矛盾纠纷简况", "责任单位", "责任人", "包案领导", "化解时限", "状态", "逾期", "化解措施");

    /** At most this many issues in one JSON answer; the CSV has them all. */
    static final int PAGE = 1000;

    private final ScreeningRepository screening;
    private final CountyReference county;
    private final VisibilityPolicy visibility;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final ScreeningEvents events;

    DisputeService(ScreeningRepository screening, CountyReference county, VisibilityPolicy visibility, JdbcClient jdbc,
            Clock clock, ScreeningEvents events) {
        this.events = events;
        this.screening = screening;
        this.county = county;
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(county.county().timezone());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    @Transactional(readOnly = true)
    public List<DisputeView> list(Caller caller, DisputeFilter filter) {
        return screening.disputes(filter, viewer(caller), today(), PAGE, 0);
    }

    /** The whole filtered ledger as a spreadsheet, names beside codes (one snapshot for every page). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public int csv(Caller caller, DisputeFilter filter, Writer out) throws IOException {
        CSVPrinter printer = SpreadsheetCsv.open(out, CSV_HEADERS);
        int written = 0;
        for (int offset = 0; ; offset += PAGE) {
            List<DisputeView> page = screening.disputes(filter, viewer(caller), today(), PAGE, offset);
            for (DisputeView d : page) {
                printer.printRecord(row(d).stream().map(SpreadsheetCsv::safe).toList());
                written++;
            }
            printer.flush();
            if (page.size() < PAGE) {
                return written;
            }
        }
    }

    /**
     * An issue with its history and the petitions received since from its division about its category (their
     * facts, as the visibility policy shows a situation's petitions to its responsible department).
     */
    @Transactional(readOnly = true)
    public DisputeView find(Caller caller, String id) {
        DisputeView d = Ids.parse(id).flatMap(x -> screening.dispute(x, today(), false)).filter(x -> sees(caller, x))
                .orElseThrow(() -> notFound(id));
        Set<String> responsible = Set.of(d.responsibleDepartment());
        return d.withRelated(screening.related(d).stream()
                .filter(r -> visibility.situation(caller, r.barred(), responsible)
                        != Access.NONE)
                .map(ScreeningRepository.Related::petition).toList());
    }

    @Transactional
    public DisputeView act(Caller caller, String id, NewDisputeAction request, List<FieldProblem> shape) {
        DisputeView d = Ids.parse(id).flatMap(x -> screening.dispute(x, today(), true)).filter(x -> sees(caller, x))
                .orElseThrow(() -> notFound(id));
        List<FieldProblem> problems = new ArrayList<>(shape);
        DisputeAction action = request.action();
        if (action != null && action.requiredField() != null && (request.note() == null || request.note().isBlank())) {
            problems.add(new FieldProblem("note", "is required with " + action + " (" + action.chinese() + ")"));
        }
        String personal = PersonalDataInText.problem(request.note());
        if (personal != null) {
            problems.add(new FieldProblem("note", personal));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        boolean bureau = visibility.actsAsBureau(caller.department(), Set.of());
        if (action.bureauOnly() && !bureau) {
            throw new ForbiddenException("bureau-only", "Only the petition bureau (信访局) strikes an issue off (销号) "
                    + "or reopens it");
        }
        if (!bureau && !caller.department().equals(d.responsibleDepartment())) {
            throw new ForbiddenException("responsible-only", "Only the responsible department ("
                    + d.responsibleDepartment() + ") or the petition bureau acts on this issue; you may read it");
        }
        if (!action.allowedFrom(d.status())) {
            throw new ConflictException("dispute-" + d.status().name().toLowerCase(Locale.ROOT),
                    "该矛盾纠纷当前为「" + d.status().chinese() + "」，不能" + action.chinese()
                            + (action == DisputeAction.CLOSE ? "（须先化解，信访局确认后方可销号）" : ""));
        }
        Instant now = clock.instant();
        UUID uuid = UUID.fromString(d.id());
        screening.act(uuid, action.to(), now);
        screening.recordAction(uuid, action.name(), caller.department(), caller.clientId(),
                request.note() == null ? null : request.note().strip(), now);
        DisputeView changed = screening.dispute(uuid, today(), false).orElseThrow();
        events.dispute(changed, action.name(), today());
        return changed;
    }

    /**
     * 排查数 (issues found), 调处数 (resolved or struck off), 调处率, 稳控数, overdue and open issues, grouped by
     * township, category or responsible department, for one round or all; zeroReportUnits counts, for a township,
     * its villages with a zero report, for a department, its zero reports.
     */
    @Transactional(readOnly = true)
    public List<StatisticsRow> statistics(UUID round, String groupBy) {
        String key = switch (groupBy) {
            case "township" -> "township_code";
            case "category" -> "category";
            case "department" -> "responsible_department";
            default -> throw new InvalidRequestException(List.of(new FieldProblem("groupBy",
                    "must be township, category or department")));
        };
        // zero reports, one query for all keys: a township's villages reported with nothing found, a department's
        Map<String, Integer> zeros = zeroReports(groupBy, round);
        List<StatisticsRow> rows = new ArrayList<>(jdbc.sql("""
                        select %s as k, count(*) as found,
                            count(*) filter (where status in ('RESOLVED', 'CLOSED')) as resolved,
                            count(*) filter (where status = 'STABILIZED') as stabilized,
                            count(*) filter (where status in ('OPEN', 'IN_PROGRESS', 'ESCALATED')) as open,
                            count(*) filter (where status in ('OPEN', 'IN_PROGRESS', 'ESCALATED')
                                             and resolve_by < :today) as overdue
                        from dispute where cast(:round as uuid) is null or round_id = :round
                        group by %s order by %s""".formatted(key, key, key))
                .param("round", round).param("today", today())
                .query((rs, i) -> {
                    String k = rs.getString("k");
                    int found = rs.getInt("found");
                    int resolved = rs.getInt("resolved");
                    return new StatisticsRow(k, name(groupBy, k), found, resolved,
                            Percent.of(resolved, found), rs.getInt("stabilized"), rs.getInt("overdue"),
                            rs.getInt("open"), zeros.getOrDefault(k, 0));
                }).list());
        // a township or department that reported nothing has no issue, but its zero reports are a figure too
        Set<String> keys = new HashSet<>();
        rows.forEach(r -> keys.add(r.key()));
        zeros.forEach((k, n) -> {
            if (keys.add(k)) {
                rows.add(new StatisticsRow(k, name(groupBy, k), 0, 0, 0, 0, 0, 0, n));
            }
        });
        rows.sort(Comparator.comparing(StatisticsRow::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    /** Zero reports by key: for a township its villages reported with nothing found, for a department its own. */
    private Map<String, Integer> zeroReports(String groupBy, UUID round) {
        String sql = switch (groupBy) {
            case "township" -> """
                    select left(village_code, 9) as k, count(*) as n from screening_village
                    where zero_report and (cast(? as uuid) is null or round_id = ?) group by 1""";
            case "department" -> """
                    select unit as k, count(*) as n from screening_report
                    where zero_report and (cast(? as uuid) is null or round_id = ?) group by 1""";
            default -> null;
        };
        Map<String, Integer> zeros = new HashMap<>();
        if (sql != null) {
            jdbc.sql(sql).params(round, round).query((rs, i) -> zeros.put(rs.getString("k"), rs.getInt("n"))).list();
        }
        return zeros;
    }

    private String name(String groupBy, String key) {
        if (key == null) {
            return null;
        }
        return switch (groupBy) {
            case "township" -> Optional.ofNullable(county.townships().get(key)).map(CountyReference.Township::name)
                    .orElse(key);
            case "category" -> county.category(key).map(CountyReference.Category::name).orElse(key);
            default -> county.department(key).map(CountyReference.Department::name).orElse(key);
        };
    }

    /** null for a caller that reads every issue, else its department. */
    private static String viewer(Caller caller) {
        return caller.readsEveryCase() ? null : caller.department();
    }

    /**
     * The visibility policy's rule for a situation: the bureau, the supervisor, and those who answer for the issue
     * (its responsible department, the unit that reported it, the leader's unit). An issue bars nobody: it names
     * no petition.
     */
    private boolean sees(Caller caller, DisputeView d) {
        Set<String> answering = new HashSet<>(Arrays.asList(d.responsibleDepartment(), d.unit(), d.leaderUnit()));
        answering.remove(null);
        return visibility.situation(caller, Set.of(), answering) != Access.NONE;
    }

    private List<String> row(DisputeView d) {
        CountyReference.Village village = county.villages().get(d.divisionCode());
        String place = county.townshipOf(d.divisionCode()).map(t -> village == null ? t.name()
                : t.name() + " " + village.name()).orElse(d.divisionCode());
        return Arrays.asList(d.id(), d.roundId(), departmentName(d.unit()), d.divisionCode(), place,
                county.category(d.category()).map(CountyReference.Category::name).orElse(d.category()),
                d.riskLevel().chinese(), String.valueOf(d.peopleInvolved()), d.summary(),
                departmentName(d.responsibleDepartment()), d.responsiblePerson(), d.leaderInCharge(),
                d.resolveBy().toString(), d.status().chinese(), d.overdue() ? "是" : "否", d.measures());
    }

    private String departmentName(String code) {
        return county.department(code).map(CountyReference.Department::name).orElse(code);
    }


    private static NotFoundException notFound(String id) {
        return new NotFoundException("No issue " + id + " of the 矛盾纠纷 ledger that you may see");
    }
}
