package org.petitionbridge.risk.warnings;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.petitionbridge.risk.warnings.WarningRequests.NewAction;
import org.petitionbridge.risk.warnings.WarningViews.RulesView;
import org.petitionbridge.risk.warnings.WarningViews.WarningView;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.MediaType;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/warnings")
@Tag(name = "Warnings", description = "Early warnings (预警) from the petition stream: clusters, spikes, group petitions, repeats, projects")
class WarningController {

    private final WarningService warnings;
    private final WarningRules rules;

    WarningController(WarningService warnings, WarningRules rules) {
        this.warnings = warnings;
        this.rules = rules;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The warnings the caller may see, most recently changed first (at most 500)",
            description = "The bureau and the supervisor see every warning, a department those it is responsible for; "
                    + "a department that a complaint of one of a warning's petitions bars never sees that warning.")
    List<WarningView> list(Caller caller,
            @Parameter(description = "OPEN, ACKNOWLEDGED, RESOLVED or DISMISSED") @RequestParam(required = false)
            WarningStatus status,
            @Parameter(description = "CLUSTER, SPIKE, GROUP_PETITION, REPEAT or PROJECT") @RequestParam(required = false)
            WarningType type) {
        return warnings.list(caller, status, type);
    }

    @GetMapping(path = "/rules", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The warning rules in force (thresholds are configuration; docs/risk.md gives the defaults)")
    RulesView rules() {
        return new RulesView(rules, Explanations.describe(rules));
    }

    @GetMapping(path = "/{warningId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A warning with what was done about it; one the caller may not see answers 404")
    WarningView find(Caller caller, @PathVariable("warningId") String id) {
        return warnings.find(caller, id);
    }

    @PostMapping(path = "/{warningId}/actions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "ACKNOWLEDGE (naming the person), RESOLVE (the measures taken) or DISMISS (the bureau, with a reason)",
            description = "A responsible department or the bureau acknowledges and resolves; only the bureau dismisses "
                    + "(403 bureau-only); another department that may read the warning gets 403 responsible-only. An "
                    + "action its status does not allow is a 409 (e.g. warning-resolved).")
    WarningView act(Caller caller, @PathVariable("warningId") String id, @Valid @RequestBody NewAction request,
            BindingResult shape) {
        return warnings.act(caller, id, request, Problems.fieldProblems(shape));
    }
}
