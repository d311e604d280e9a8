package org.petitionbridge.risk.screening;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.apache.commons.csv.CSVPrinter;
import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.screening.ScreeningRequests.NewReport;
import org.petitionbridge.risk.screening.ScreeningRequests.NewRound;
import org.petitionbridge.risk.screening.ScreeningViews.CoverageView;
import org.petitionbridge.risk.screening.ScreeningViews.ReportView;
import org.petitionbridge.risk.screening.ScreeningViews.RoundView;
import org.petitionbridge.risk.screening.ScreeningViews.StatisticsRow;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.csv.SpreadsheetCsv;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/screening")
@Tag(name = "Screening", description = "Screening rounds (矛盾纠纷排查): 横向到边、纵向到底, reports, coverage and statistics")
class ScreeningController {

    private final ScreeningService screening;
    private final DisputeService disputes;

    ScreeningController(ScreeningService screening, DisputeService disputes) {
        this.screening = screening;
        this.disputes = disputes;
    }

    @PostMapping(path = "/rounds", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a round (the bureau): every township and county department reports by dueBy, unless it names units")
    ResponseEntity<RoundView> open(Caller caller, @Valid @RequestBody NewRound request, BindingResult shape) {
        RoundView round = screening.open(caller, request, Problems.fieldProblems(shape));
        return ResponseEntity.created(URI.create("/api/v1/screening/rounds/" + round.id())).body(round);
    }

    @GetMapping(path = "/rounds", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every round, newest first")
    List<RoundView> rounds() {
        return screening.rounds();
    }

    @GetMapping(path = "/rounds/{roundId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A round")
    RoundView round(@PathVariable String roundId) {
        return screening.round(roundId);
    }

    @PostMapping(path = "/rounds/{roundId}/reports", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report for the caller's own unit: the issues found, or a zero report (零报告)",
            description = "A township accounts for every one of its villages (an issue there, or a zero report for "
                    + "the village); a missing village is a 400 naming it. 201 for the first report, 200 for an "
                    + "amendment, which replaces it until dueBy (409 report-in-progress once one of its issues was "
                    + "acted on). After dueBy a first report is accepted and marked late; an amendment is a 409 "
                    + "round-due. Issues describe the parties by role and number: a resident ID number or a mobile "
                    + "number in the text is refused. The responsible department defaults to the one the county's "
                    + "rules make competent for the category and division; a HIGH issue needs a leaderInCharge.")
    ResponseEntity<ReportView> report(Caller caller, @PathVariable String roundId,
            @Valid @RequestBody NewReport request, BindingResult shape) {
        ScreeningService.Reported reported = screening.report(caller, roundId, request, Problems.fieldProblems(shape));
        return ResponseEntity.status(reported.first() ? 201 : 200).body(reported.report());
    }

    @GetMapping(path = "/rounds/{roundId}/reports/{unit}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A unit's report (the bureau and the supervisor: any; a unit: its own)")
    ReportView report(Caller caller, @PathVariable String roundId, @PathVariable String unit) {
        return screening.report(caller, roundId, unit);
    }

    @GetMapping(path = "/rounds/{roundId}/coverage", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who reported: expected, reported, zero-reported, missing and late units; villages covered "
            + "(纵向到底) and departments reported (横向到边), as counts and percentages")
    CoverageView coverage(@PathVariable String roundId) {
        return screening.coverage(roundId);
    }

    @GetMapping(path = "/statistics", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "排查数, 调处数, 调处率, 稳控数, overdue, open and zero reports, by township, category or department",
            description = "Accept: text/csv gives the same rows as a spreadsheet.")
    ResponseEntity<List<StatisticsRow>> statistics(
            @Parameter(description = "One round; default every round") @RequestParam(required = false) String round,
            @Parameter(description = "township, category or department") @RequestParam(defaultValue = "township")
            String groupBy, @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response) throws IOException {
        UUID roundId = round == null ? null : Ids.parse(round).orElseThrow(
                () -> new InvalidRequestException(List.of(new FieldProblem("round", "must be a round id"))));
        List<StatisticsRow> rows = disputes.statistics(roundId, groupBy);
        if (accept != null && accept.contains("text/csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"screening-statistics.csv\"");
            CSVPrinter printer = SpreadsheetCsv.open(response.getWriter(), List.of("代码", "名称", "排查数", "调处数",
                    "调处率(%)", "稳控数", "逾期", "未办结", "零报告"));
            for (StatisticsRow r : rows) {
                printer.printRecord(List.of(SpreadsheetCsv.safe(r.key()), SpreadsheetCsv.safe(r.name()), r.found(),
                        r.resolved(), r.resolvedPercent(), r.stabilized(), r.overdue(), r.open(), r.zeroReportUnits()));
            }
            printer.flush();
            return null;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
    }
}
