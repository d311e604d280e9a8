package org.petitionbridge.risk.projects;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.petitionbridge.risk.projects.ProjectRequests.NewAssessment;
import org.petitionbridge.risk.projects.ProjectRequests.NewDecision;
import org.petitionbridge.risk.projects.ProjectRequests.NewProject;
import org.petitionbridge.risk.projects.ProjectViews.LinkedPetition;
import org.petitionbridge.risk.projects.ProjectViews.ProjectView;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "Major projects and their social-stability risk assessment (稳评) before the decision")
class ProjectController {

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a major project (the bureau, or the department responsible for it, for itself)",
            description = "Petitions received afterwards in its divisions (a village, or any village of a township "
                    + "listed) with one of its categories are linked to it.")
    ResponseEntity<ProjectView> create(Caller caller, @Valid @RequestBody NewProject request, BindingResult shape) {
        ProjectView created = projects.create(caller, request, Problems.fieldProblems(shape));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.id())).body(created);
    }

    @PostMapping(path = "/{id}/assessments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record an assessment: risk points, the household survey, methods, conclusion and level",
            description = "The level is computed from the survey (docs/risk.md gives the thresholds); the assessor "
                    + "may raise it, never lower it (409 level-below-survey). Below the survey coverage no level can "
                    + "be set (409 survey-coverage, saying how many households are missing). A rejected project is not "
                    + "assessed again (409 project-rejected). Every assessment is kept.")
    ResponseEntity<ProjectView> assess(Caller caller, @PathVariable String id,
            @Valid @RequestBody NewAssessment request, BindingResult shape) {
        ProjectView assessed = projects.assess(caller, id, request, Problems.fieldProblems(shape));
        return ResponseEntity.status(201).body(assessed);
    }

    @PostMapping(path = "/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Decide: PROCEED (only after a LOW assessment), POSTPONE or REJECT",
            description = "A refusal is a 409 naming its rule in Chinese: decision-needs-assessment, "
                    + "proceed-needs-low-risk, project-decided.")
    ProjectView decide(Caller caller, @PathVariable String id, @Valid @RequestBody NewDecision request,
            BindingResult shape) {
        return projects.decide(caller, id, request, Problems.fieldProblems(shape));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The projects the caller may see, newest first (the bureau and the supervisor: all)")
    List<ProjectView> list(Caller caller) {
        return projects.list(caller);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A project with every assessment; another department's answers 404")
    ProjectView find(Caller caller, @PathVariable String id) {
        return projects.find(caller, id);
    }

    @GetMapping(path = "/{id}/petitions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The petitions linked to the project: number, category, division, received, group, status",
            description = "A petition whose complaint bars the caller's department is never listed to it.")
    List<LinkedPetition> petitions(Caller caller, @PathVariable String id) {
        return projects.petitions(caller, id);
    }
}
