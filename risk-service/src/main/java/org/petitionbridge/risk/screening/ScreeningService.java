package org.petitionbridge.risk.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.Percent;
import org.petitionbridge.risk.projects.RiskLevel;
import org.petitionbridge.risk.screening.ScreeningRequests.Item;
import org.petitionbridge.risk.screening.ScreeningRequests.NewReport;
import org.petitionbridge.risk.screening.ScreeningRequests.NewRound;
import org.petitionbridge.risk.screening.ScreeningRequests.VillageAccount;
import org.petitionbridge.risk.screening.ScreeningViews.CoverageView;
import org.petitionbridge.risk.screening.ScreeningViews.ReportView;
import org.petitionbridge.risk.screening.ScreeningViews.RoundView;
import org.petitionbridge.risk.warnings.WarningDetector;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Screening rounds (矛盾纠纷排查): the bureau opens one; every township (accounting for each of its villages, 纵向到底)
 * and every county department (横向到边) reports the issues it found, or that it found nothing (零报告). Each issue
 * goes into the 矛盾纠纷 ledger ({@link DisputeService}).
 */
@Service
public class ScreeningService {

    /** The kinds of department that report in a round unless the round names its units. */
    static final Set<String> REPORTING_KINDS = Set.of("TOWNSHIP", "COUNTY_DEPARTMENT", "LEGAL", "DISCIPLINE");

    private final ScreeningRepository screening;
    private final CountyReference county;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final ScreeningEvents events;
    private final VisibilityPolicy visibility;
    private final WarningDetector warnings;

    ScreeningService(ScreeningRepository screening, CountyReference county, JdbcClient jdbc, Clock clock,
            ScreeningEvents events, VisibilityPolicy visibility,
            WarningDetector warnings) {
        this.warnings = warnings;
        this.events = events;
        this.visibility = visibility;
        this.screening = screening;
        this.county = county;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(county.county().timezone());
    }

    /** Every township government and every county department, in the reference's order. */
    List<String> allReportingUnits() {
        return county.departments().values().stream().filter(d -> REPORTING_KINDS.contains(d.kind()))
                .map(CountyReference.Department::code).toList();
    }

    @Transactional
    public RoundView open(Caller caller, NewRound request, List<FieldProblem> shape) {
        List<FieldProblem> problems = new ArrayList<>(shape);
        List<String> all = allReportingUnits();
        List<String> units = request.units() == null || request.units().isEmpty() ? all : request.units();
        for (int i = 0; request.units() != null && i < request.units().size(); i++) {
            if (!all.contains(request.units().get(i))) {
                problems.add(new FieldProblem("units[" + i + "]", "is not a township government or county "
                        + "department of the county (the bureau and the supervisor do not report)"));
            }
        }
        if (request.dueBy() != null && !request.dueBy().toInstant().isAfter(clock.instant())) {
            problems.add(new FieldProblem("dueBy", "must be in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        UUID id = UUID.randomUUID();
        screening.insertRound(id, request, List.copyOf(new LinkedHashSet<>(units)), clock.instant(), caller.name());
        RoundView round = screening.round(id).orElseThrow();
        events.round(round, "OPENED", round.units(), round.units(), null, 1);
        return round;
    }

    @Transactional(readOnly = true)
    public List<RoundView> rounds() {
        return screening.rounds();
    }

    @Transactional(readOnly = true)
    public RoundView round(String id) {
        return Ids.parse(id).flatMap(screening::round).orElseThrow(() -> notFound(id));
    }

    /**
     * Stores the unit's report (201), or replaces it until the round is due (200, as long as none of its issues was
     * acted on). After the round is due a first report is accepted and marked late; an amendment is refused.
     */
    @Transactional
    public Reported report(Caller caller, String roundId, NewReport request, List<FieldProblem> shape) {
        RoundView round = round(roundId);
        UUID id = UUID.fromString(round.id());
        String unit = caller.department();
        if (unit == null || !round.units().contains(unit)) {
            throw new ForbiddenException("not-a-reporter", "Only the units of the round report in it, each for itself: "
                    + "the township governments and county departments it names");
        }
        Optional<CountyReference.Township> township = county.townships().values().stream()
                .filter(t -> t.department().equals(unit)).findFirst();
        List<FieldProblem> problems = new ArrayList<>(shape);
        List<Item> items = request.items() == null ? List.of() : request.items();
        List<VillageAccount> villages = request.villages() == null ? List.of() : request.villages();
        if (Boolean.TRUE.equals(request.zeroReport()) && !items.isEmpty()) {
            problems.add(new FieldProblem("items", "must be empty in a zero report (zeroReport true)"));
        }
        if (Boolean.FALSE.equals(request.zeroReport()) && items.isEmpty()) {
            problems.add(new FieldProblem("items", "must name at least one issue, or send zeroReport true (零报告)"));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<String> responsible = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            // a null issue is the shape's problem (items[i]: must be an issue)
            responsible.add(items.get(i) == null ? null
                    : checkItem(items.get(i), "items[" + i + "]", township, today, problems));
        }
        Map<String, Boolean> accounted = township.map(t -> account(t, items, villages, request.zeroReport(),
                problems)).orElseGet(() -> {
                    if (!villages.isEmpty()) {
                        problems.add(new FieldProblem("villages", "only a township government accounts for villages"));
                    }
                    return Map.of();
                });
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }

        AdvisoryLocks.lock(jdbc, "screening-report", round.id() + ":" + unit);
        Instant now = clock.instant();
        boolean due = now.isAfter(round.dueBy());
        Optional<ScreeningRepository.Report> earlier = screening.report(id, unit);
        if (earlier.isPresent()) {
            if (due) {
                throw new ConflictException("round-due", "本轮排查已过报送截止时间，已报送的报告不能再修改");
            }
            if (screening.lockAndAnyActedOn(id, unit)) {
                throw new ConflictException("report-in-progress", "报告中的矛盾纠纷已开始化解，不能整份重报；请在台账中逐件办理");
            }
            // the issues of the report it replaces are withdrawn, and said so to whoever was told of them
            screening.disputesOf(id, unit, today).forEach(d -> events.dispute(d, "WITHDRAWN", today));
            screening.deleteReport(id, unit);
        }
        screening.insertReport(id, unit, request.zeroReport(), earlier.map(ScreeningRepository.Report::firstAt)
                .orElse(now), now, earlier.map(ScreeningRepository.Report::late).orElse(due),
                earlier.map(r -> r.amendments() + 1).orElse(0));
        accounted.forEach((village, zero) -> screening.insertVillage(id, unit, village, zero));
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String itemTownship = county.townshipOf(item.divisionCode()).map(CountyReference.Township::code)
                    .orElse(null);
            screening.insertDispute(UUID.randomUUID(), id, unit, item, itemTownship, responsible.get(i),
                    leaderUnit(item), now);
        }
        ReportView stored = report(id, unit);
        stored.items().forEach(d -> events.dispute(d, "REPORTED", today));
        // a HIGH-risk issue of a project counts toward the project's warning
        stored.items().stream().filter(d -> d.riskLevel() == RiskLevel.HIGH && d.projectId() != null)
                .map(d -> UUID.fromString(d.projectId())).distinct().forEach(warnings::highIssueReported);
        // the round's row is locked by its change number first, so the last REPORTED event lists who is still missing
        long sequence = screening.nextRoundSequence(id);
        events.round(round, "REPORTED", List.of(), coverage(round.id()).missing(), unit, sequence);
        return new Reported(earlier.isEmpty(), stored);
    }

    /** The stored report, and whether it was the unit's first for the round. */
    public record Reported(boolean first, ReportView report) {
    }

    @Transactional(readOnly = true)
    public ReportView report(Caller caller, String roundId, String unit) {
        RoundView round = round(roundId);
        if (visibility.situation(caller, Set.of(), Set.of(unit)) == Access.NONE) {
            throw new NotFoundException("No report of " + unit + " that you may see in round " + roundId);
        }
        UUID id = UUID.fromString(round.id());
        if (screening.report(id, unit).isEmpty()) {
            throw new NotFoundException(unit + " has not reported in round " + roundId);
        }
        return report(id, unit);
    }

    private ReportView report(UUID round, String unit) {
        ScreeningRepository.Report r = screening.report(round, unit).orElseThrow();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return new ReportView(round.toString(), unit, r.zeroReport(), r.late(), r.amendments(), r.firstAt(),
                r.updatedAt(), screening.disputesOf(round, unit, today), screening.villages(round, unit,
                        code -> Optional.ofNullable(county.villages().get(code)).map(CountyReference.Village::name)
                                .orElse(code)));
    }

    /** Who reported: 横向到边 (departments) and 纵向到底 (the villages of the townships of the round). */
    @Transactional(readOnly = true)
    public CoverageView coverage(String roundId) {
        RoundView round = round(roundId);
        UUID id = UUID.fromString(round.id());
        List<ScreeningRepository.Report> reports = screening.reports(id);
        Set<String> reportedUnits = reports.stream().map(ScreeningRepository.Report::unit).collect(Collectors.toSet());
        List<String> withItems = reports.stream().filter(r -> !r.zeroReport()).map(ScreeningRepository.Report::unit)
                .toList();
        List<String> zero = reports.stream().filter(ScreeningRepository.Report::zeroReport)
                .map(ScreeningRepository.Report::unit).toList();
        List<String> late = reports.stream().filter(ScreeningRepository.Report::late)
                .map(ScreeningRepository.Report::unit).toList();
        List<String> missing = round.units().stream().filter(u -> !reportedUnits.contains(u)).toList();
        Set<String> townshipUnits = new HashSet<>();
        int villagesTotal = 0;
        for (CountyReference.Township t : county.townships().values()) {
            if (round.units().contains(t.department())) {
                townshipUnits.add(t.department());
                villagesTotal += villagesOf(t).size();
            }
        }
        int villagesCovered = screening.villagesAccounted(id);
        int departmentsExpected = (int) round.units().stream().filter(u -> !townshipUnits.contains(u)).count();
        int departmentsReported = (int) reportedUnits.stream().filter(u -> !townshipUnits.contains(u)).count();
        int townshipsReported = (int) reportedUnits.stream().filter(townshipUnits::contains).count();
        return new CoverageView(round.id(), round.dueBy(), round.units().size(), withItems, zero, missing, late,
                villagesCovered, villagesTotal, Percent.of(villagesCovered, villagesTotal), departmentsReported,
                departmentsExpected, Percent.of(departmentsReported, departmentsExpected), townshipsReported,
                townshipUnits.size());
    }

    /**
     * Checks one issue; returns its responsible department (given, or the one the county's rules make competent
     * for its category and division).
     */
    private String checkItem(Item item, String field, Optional<CountyReference.Township> township, LocalDate today,
            List<FieldProblem> problems) {
        if (item.divisionCode() != null && !item.divisionCode().isBlank()) {
            if (!county.isDivision(item.divisionCode())) {
                problems.add(new FieldProblem(field + ".divisionCode", "is not a village or township of the county"));
            } else if (township.isPresent() && !county.townshipOf(item.divisionCode()).map(t -> t.code()
                    .equals(township.get().code())).orElse(false)) {
                problems.add(new FieldProblem(field + ".divisionCode", "is not in " + township.get().name()
                        + ": a township reports the issues of its own villages"));
            }
        }
        if (item.category() != null && !item.category().isBlank() && county.category(item.category()).isEmpty()) {
            problems.add(new FieldProblem(field + ".category", "is not a petition category of the county"));
        }
        for (Map.Entry<String, String> text : Map.of("summary", nz(item.summary()), "measures", nz(item.measures()))
                .entrySet()) {
            String problem = PersonalDataInText.problem(text.getValue());
            if (problem != null) {
                problems.add(new FieldProblem(field + "." + text.getKey(), problem));
            }
        }
        if (item.riskLevel() == RiskLevel.HIGH && (item.leaderInCharge() == null || item.leaderInCharge().isBlank())) {
            problems.add(new FieldProblem(field + ".leaderInCharge", "is required for a HIGH-risk issue (领导包案)"));
        }
        if (item.resolveBy() != null && item.resolveBy().isBefore(today)) {
            problems.add(new FieldProblem(field + ".resolveBy", "must not be in the past"));
        }
        if (item.projectId() != null && jdbc.sql("select count(*) from project where id = ?").param(item.projectId())
                .query(Integer.class).single() == 0) {
            problems.add(new FieldProblem(field + ".projectId", "is not a registered project"));
        }
        if (item.leaderUnit() != null && !item.leaderUnit().isBlank() && county.department(item.leaderUnit()).isEmpty()) {
            problems.add(new FieldProblem(field + ".leaderUnit", "is not a department of the county"));
        }
        String responsible = item.responsibleDepartment();
        if (responsible != null && !responsible.isBlank()) {
            if (county.department(responsible).isEmpty()) {
                problems.add(new FieldProblem(field + ".responsibleDepartment", "is not a department of the county"));
            }
            return responsible;
        }
        Optional<String> competent = county.competentDepartment(item.category(), item.divisionCode());
        if (competent.isEmpty() && item.category() != null && county.category(item.category()).isPresent()
                && county.isDivision(item.divisionCode())) {
            problems.add(new FieldProblem(field + ".responsibleDepartment", "is required: the county's rules name no "
                    + "competent department for " + item.category() + " in " + item.divisionCode()));
        }
        return competent.orElse(null);
    }

    /**
     * How a township's report accounts for each of its villages: an issue there, or a zero report for it (every
     * village, for a zero report of the township). A village left out is refused, by name.
     */
    private Map<String, Boolean> account(CountyReference.Township t, List<Item> items, List<VillageAccount> villages,
            Boolean zeroReport, List<FieldProblem> problems) {
        List<String> own = villagesOf(t);
        Map<String, Boolean> accounted = new LinkedHashMap<>();
        items.forEach(i -> {
            if (i != null && own.contains(i.divisionCode())) {
                accounted.put(i.divisionCode(), false);
            }
        });
        for (int i = 0; i < villages.size(); i++) {
            VillageAccount v = villages.get(i);
            if (v == null) {
                continue; // the shape's problem (villages[i]: must be a village)
            }
            if (v.code() == null || !own.contains(v.code())) {
                problems.add(new FieldProblem("villages[" + i + "].code", "is not a village of " + t.name()));
            } else if (Boolean.TRUE.equals(v.zeroReport())) {
                if (accounted.containsKey(v.code())) {
                    problems.add(new FieldProblem("villages[" + i + "].zeroReport",
                            "must not be true for a village with an issue in this report"));
                } else {
                    accounted.put(v.code(), true);
                }
            } else if (Boolean.FALSE.equals(v.zeroReport()) && !accounted.containsKey(v.code())) {
                problems.add(new FieldProblem("villages[" + i + "].zeroReport",
                        "is false but no issue of this report is in that village"));
            }
        }
        if (Boolean.TRUE.equals(zeroReport)) {
            own.forEach(v -> accounted.putIfAbsent(v, true));
        }
        List<String> missing = own.stream().filter(v -> !accounted.containsKey(v))
                .map(v -> county.villages().get(v).name() + " (" + v + ")").toList();
        if (!missing.isEmpty()) {
            problems.add(new FieldProblem("villages", "must account for every village of " + t.name()
                    + " (an issue there, or zeroReport true for it); missing: " + String.join(", ", missing)));
        }
        return accounted;
    }

    private List<String> villagesOf(CountyReference.Township t) {
        return county.villages().values().stream().filter(v -> v.township().equals(t.code()))
                .map(CountyReference.Village::code).sorted().toList();
    }

    /** The unit told of an issue's cards: the one named, else the county government office when a leader is named. */
    private String leaderUnit(Item item) {
        if (item.leaderUnit() != null && !item.leaderUnit().isBlank()) {
            return item.leaderUnit();
        }
        return item.leaderInCharge() == null || item.leaderInCharge().isBlank() ? null : visibility.supervisor();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }


    private static NotFoundException notFound(String id) {
        return new NotFoundException("No screening round " + id);
    }
}
