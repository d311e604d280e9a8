package org.petitionbridge.routing.decisions;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.routing.rules.RuleSet;
import org.petitionbridge.routing.rules.RuleSetStore;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/routing")
@Tag(name = "Routing", description = "Who is responsible for a petition, and why")
class RoutingController {

    private final DecisionService decisions;
    private final RuleEngine engine;
    private final RuleSetStore rules;
    private final CountyReference county;

    RoutingController(DecisionService decisions, RuleEngine engine, RuleSetStore rules, CountyReference county) {
        this.decisions = decisions;
        this.engine = engine;
        this.rules = rules;
        this.county = county;
    }

    @Schema(description = "The parts of a petition that routing looks at")
    record PreviewRequest(
            @Schema(example = "990101002001", requiredMode = Schema.RequiredMode.REQUIRED) String divisionCode,
            @Schema(example = "WAGE_ARREARS") String category,
            @Schema(example = "包工头拖欠农民工工资") String subject,
            @Schema(example = "工地欠薪三个月") String content,
            ComplainedAgainst complainedAgainst) {
    }

    record ComplainedAgainst(String department, String person) {
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The decision the active rules would make for a petition, without publishing anything",
            description = "Shaped like the decision in petition.routed.v1; triage is true when the bureau would"
                    + " have to place the petition by hand.")
    RoutingDecision preview(@RequestBody PreviewRequest request) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        RuleSet active = rules.active();
        if (!county.isDivision(request.divisionCode())) {
            problems.add(new FieldProblem("divisionCode", "must be a village or township code of the county"));
        }
        if (request.category() != null && !active.categories().containsKey(request.category())) {
            problems.add(new FieldProblem("category", "is not a category of the active rule set"));
        }
        if (request.category() == null && isBlank(request.subject()) && isBlank(request.content())) {
            problems.add(new FieldProblem("subject", "a subject or content is needed to suggest a category when none is given"));
        }
        if (request.complainedAgainst() != null && request.complainedAgainst().department() != null
                && county.department(request.complainedAgainst().department()).isEmpty()) {
            problems.add(new FieldProblem("complainedAgainst.department", "is not a department of the county"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        PetitionFacts facts = new PetitionFacts("PREVIEW", request.divisionCode(), request.category(),
                request.subject() == null ? "" : request.subject(), request.content() == null ? "" : request.content(),
                request.complainedAgainst() == null ? null : request.complainedAgainst().department());
        return engine.decide(active, facts, Set.of());
    }

    @GetMapping(path = "/decisions/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every routing decision made for a petition, newest first",
            description = "The bureau and the supervisor read every petition; a department only one the ledger has it"
                    + " lead or co-handle now (a decision the ledger has not applied gives it nothing). A petition"
                    + " complaining about the caller's own"
                    + " department (the bureau and the supervisor included) and any other petition answer 404,"
                    + " exactly like an unknown petition number.")
    List<DecisionLog.DecisionView> decisions(@PathVariable String petitionNo, Caller caller) {
        List<DecisionLog.DecisionView> found = decisions.decisionsSeenBy(petitionNo, caller);
        if (found.isEmpty()) {
            // The same answer whether routing never decided or the caller may not see the petition.
            throw new NotFoundException("No routing decision exists for petition " + petitionNo);
        }
        return found;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
