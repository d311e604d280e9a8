package org.petitionbridge.risk.screening;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.projects.RiskLevel;
import org.petitionbridge.risk.screening.ScreeningRequests.NewDisputeAction;
import org.petitionbridge.risk.screening.ScreeningViews.DisputeView;
import org.petitionbridge.security.Caller;
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
@RequestMapping("/api/v1/disputes")
@Tag(name = "Disputes", description = "The 矛盾纠纷 ledger (台账): issues found by screening, acted on until 销号")
class DisputeController {

    private final DisputeService disputes;

    DisputeController(DisputeService disputes) {
        this.disputes = disputes;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "The ledger, filtered, earliest deadline first (JSON: at most 1000)",
            description = "Accept: text/csv gives the whole filtered ledger as a spreadsheet (UTF-8 with BOM, Chinese "
                    + "headers, names beside codes). A department lists the issues it answers for and those it "
                    + "reported; the bureau and the supervisor list every issue.")
    ResponseEntity<List<DisputeView>> list(Caller caller, @RequestParam(required = false) String round,
            @RequestParam(required = false) String township, @RequestParam(required = false) String category,
            @RequestParam(required = false) RiskLevel riskLevel, @RequestParam(required = false) DisputeStatus status,
            @RequestParam(required = false) String responsibleDepartment,
            @RequestParam(required = false) Boolean overdue,
            @RequestHeader(value = "Accept", required = false) String accept, HttpServletResponse response)
            throws IOException {
        UUID roundId = round == null ? null : Ids.parse(round).orElseThrow(
                () -> new InvalidRequestException(List.of(new FieldProblem("round", "must be a round id"))));
        ScreeningRepository.DisputeFilter filter = new ScreeningRepository.DisputeFilter(roundId, township, category,
                riskLevel, status, responsibleDepartment, overdue);
        if (accept != null && accept.contains("text/csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"disputes.csv\"");
            disputes.csv(caller, filter, response.getWriter());
            return null;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(disputes.list(caller, filter));
    }

    @GetMapping(path = "/{disputeId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An issue with its history; one the caller may not see answers 404")
    DisputeView find(Caller caller, @PathVariable String disputeId) {
        return disputes.find(caller, disputeId);
    }

    @PostMapping(path = "/{disputeId}/actions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "PROGRESS, RESOLVE (化解), STABILIZE (稳控), ESCALATE (to the leader or a 专班), CLOSE (销号, the bureau, after RESOLVE), REOPEN (the bureau)",
            description = "Every action but CLOSE needs a note. The responsible department or the bureau acts (403 "
                    + "responsible-only otherwise); CLOSE and REOPEN are the bureau's (403 bureau-only). An action its "
                    + "status does not allow is a 409 naming the status (e.g. dispute-open for CLOSE before RESOLVE).")
    DisputeView act(Caller caller, @PathVariable String disputeId, @Valid @RequestBody NewDisputeAction request,
            BindingResult shape) {
        return disputes.act(caller, disputeId, request, Problems.fieldProblems(shape));
    }
}
