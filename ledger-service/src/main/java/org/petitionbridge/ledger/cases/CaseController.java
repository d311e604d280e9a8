package org.petitionbridge.ledger.cases;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The 台账 over REST. The caller is the verified token's: the bureau and the supervisor read every case; a
 * department reads and acts on its own cases only (lead or co-handler), and another department's case answers the
 * same 404 as a number that does not exist. Nobody, the bureau and the supervisor included, sees a case whose
 * complaint is about its own department (信访工作条例 Art 46(5)): it answers that 404 too and is in none of its
 * lists. Which action a caller may take is then the state machine's rule, for the department its token names.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "The ledger (台账): cases, their history, department actions")
class CaseController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final CaseQueries queries;
    private final ActionService actions;
    private final CountyReference county;
    private final Clock clock;
    private final LedgerExport export;

    CaseController(CaseQueries queries, ActionService actions, CountyReference county, Clock clock,
            LedgerExport export) {
        this.export = export;
        this.queries = queries;
        this.actions = actions;
        this.county = county;
        this.clock = clock;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "The 台账: cases filtered and paginated, sorted by the due date of the clock running now",
            description = "Accept: text/csv gives the whole filtered 台账 as a spreadsheet, every page (page and size "
                    + "apply to JSON only), with names beside codes (UTF-8 with BOM, Chinese headers). "
                    + "The bureau and the supervisor list every case; a department's token lists only the "
                    + "department's own cases (lead or co-handler, or those it acts for as the bureau or the "
                    + "supervisor), whatever the filters say. A case complaining "
                    + "about the caller's own department is never listed, for the bureau and the supervisor too.")
    ResponseEntity<?> list(
            @Parameter(description = "Cases where this department leads or co-handles (for a department's token: "
                    + "within its own cases)") @RequestParam(required = false) String department,
            @Parameter(description = "One status or several, comma-separated") @RequestParam(required = false) String status,
            @RequestParam(required = false) String category,
            @Parameter(description = "Division code prefix, e.g. 990101002") @RequestParam(required = false) String divisionPrefix,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean group,
            @RequestParam(required = false) Boolean repeat,
            @Parameter(description = "Received on or after (Asia/Shanghai date)") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "Received on or before (Asia/Shanghai date)") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestHeader(value = "Accept", required = false) String accept,
            Caller caller, HttpServletResponse response) throws IOException {
        requireDepartment(caller);
        if (page < 0 || size < 1 || size > 1000) {
            throw new InvalidRequestException(List.of(new FieldProblem(page < 0 ? "page" : "size",
                    page < 0 ? "must be 0 or more" : "must be 1 to 1000")));
        }
        CaseQueries.Filter filter = new CaseQueries.Filter(caller, department, status, category, divisionPrefix,
                overdue, group, repeat, from, to);
        if (accept != null && accept.contains("text/csv")) {
            // the whole filtered 台账, every page, streamed (page and size apply to JSON only)
            response.setContentType(CSV.toString());
            response.setHeader("Content-Disposition", "attachment; filename=\"ledger.csv\"");
            export.write(filter, clock.instant(), response.getWriter());
            return null;
        }
        CaseQueries.Page result = queries.list(filter, page, size, clock.instant());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
    }

    @GetMapping(path = "/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A case now, or as it stood at a moment (asOf, ISO-8601 instant)",
            description = "A department reads its own cases only (lead or co-handler now); any other answers 404. A "
                    + "case complaining about the caller's own department answers 404 to everyone, the bureau and "
                    + "the supervisor included.")
    CaseView get(@PathVariable String petitionNo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            Caller caller) {
        requireVisible(caller, petitionNo);
        return (asOf == null ? queries.find(petitionNo) : queries.asOf(petitionNo, asOf))
                .orElseThrow(() -> notFound(petitionNo));
    }

    @GetMapping(path = "/{petitionNo}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The append-only history of a case: who did what, when (up to asOf if given)",
            description = "A department reads its own cases only (lead or co-handler now); any other answers 404. A "
                    + "case complaining about the caller's own department answers 404 to everyone, the bureau and "
                    + "the supervisor included.")
    List<HistoryEntry> history(@PathVariable String petitionNo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            Caller caller) {
        requireVisible(caller, petitionNo);
        return queries.history(petitionNo, asOf);
    }

    @GetMapping(path = "/{petitionNo}/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The actions the caller's department may take on a case now",
            description = "The types of POST /api/v1/cases/{petitionNo}/actions that the state machine would accept "
                    + "from the department the token names, given the case's status and clocks (the action's own "
                    + "fields are checked when it is posted). Empty for a token naming no department (the county "
                    + "leader reads, and acts on nothing). A case the caller may not see answers 404.")
    List<Action> available(@PathVariable String petitionNo, Caller caller) {
        requireVisible(caller, petitionNo);
        String actor = caller.department();
        return actor == null || county.department(actor).isEmpty() ? List.of() : actions.available(petitionNo, actor);
    }

    @PostMapping(path = "/{petitionNo}/actions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A department's action on a case (签收, 异议, 延期, 答复, 销号, 复查, 复核, 督办 ...)",
            description = "The acting department is the one the bearer token names. A department acts on its own "
                    + "cases only (another case, and one complaining about the caller's own department, answers 404). "
                    + "A refused action answers 403 (this department may "
                    + "not) or 409 (not in this state or past its time limit) with the rule that refused it.")
    CaseView act(@PathVariable String petitionNo, @RequestBody ActionRequest request, Caller caller) {
        String actor = caller.department();
        if (actor == null || county.department(actor).isEmpty()) {
            throw new ForbiddenException("token-names-no-department", "An action on a case is taken by a "
                    + "department: the bearer token must name a department of the county in its department claim");
        }
        requireVisible(caller, petitionNo);
        return actions.act(petitionNo, actor, request);
    }

    /** Every caller the endpoint rules let in acts for a department: a token naming none gets 403. */
    private static void requireDepartment(Caller caller) {
        if (caller.department() == null && !caller.has(Role.LEADER)) {
            throw new ForbiddenException("token-names-no-department", "A department reads its own cases: the "
                    + "bearer token must name the department in its department claim");
        }
    }

    /**
     * The case exists and the caller may see it (the shared visibility policy); otherwise the same 404 as for a
     * number that does not exist, so that a department cannot learn which petition numbers exist. A case complaining
     * about the caller's own department is never visible to it, whoever it is: the bureau and the supervisor too.
     */
    private void requireVisible(Caller caller, String petitionNo) {
        requireDepartment(caller);
        if (!queries.visibleTo(petitionNo, caller)) {
            throw notFound(petitionNo);
        }
    }

    private static NotFoundException notFound(String petitionNo) {
        return new NotFoundException("No case " + petitionNo
                + " is in the ledger (a new petition appears within seconds of registration)");
    }
}
