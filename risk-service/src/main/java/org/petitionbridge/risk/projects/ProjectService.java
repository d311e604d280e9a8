package org.petitionbridge.risk.projects;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.Percent;
import org.petitionbridge.risk.petitions.PetitionFacts;
import org.petitionbridge.risk.projects.ProjectRequests.NewAssessment;
import org.petitionbridge.risk.projects.ProjectRequests.NewDecision;
import org.petitionbridge.risk.projects.ProjectRequests.NewProject;
import org.petitionbridge.risk.projects.ProjectViews.LinkedPetition;
import org.petitionbridge.risk.projects.ProjectViews.ProjectView;
import org.petitionbridge.risk.warnings.WarningDetector;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registering, assessing and deciding projects. The bureau acts on every project; a department on the projects it is
 * responsible for (another's answers 404, as an unknown one does); the supervisor reads every project.
 */
@Service
public class ProjectService {

    /** How opinions may be gathered for an assessment (2492号文: 公示, 问卷调查, 实地走访, 座谈会, 听证会). */
    static final Set<String> METHODS = Set.of("公示", "问卷", "座谈走访", "听证");

    private final ProjectRepository projects;
    private final PetitionFacts petitions;
    private final AssessmentRules rules;
    private final CountyReference county;
    private final Clock clock;
    private final OutboxWriter outbox;
    private final VisibilityPolicy visibility;
    private final WarningDetector warningDetector;

    ProjectService(ProjectRepository projects, PetitionFacts petitions, AssessmentRules rules, CountyReference county,
            Clock clock, OutboxWriter outbox, VisibilityPolicy visibility, WarningDetector warningDetector) {
        this.warningDetector = warningDetector;
        this.outbox = outbox;
        this.visibility = visibility;
        this.projects = projects;
        this.petitions = petitions;
        this.rules = rules;
        this.county = county;
        this.clock = clock;
    }

    @Transactional
    public ProjectView create(Caller caller, NewProject request, List<FieldProblem> shape) {
        String department = request.department() == null || request.department().isBlank() ? caller.department()
                : request.department().strip().toUpperCase(Locale.ROOT);
        if (!caller.isBureau() && (department == null || !department.equals(caller.department()))) {
            throw new ForbiddenException("own-department-only", "A department registers only the projects it is "
                    + "responsible for; leave 'department' out or name your own (the bureau may name any)");
        }
        List<FieldProblem> problems = new ArrayList<>(shape);
        if (department == null || county.department(department).isEmpty()) {
            problems.add(new FieldProblem("department", "is not a department of the county"));
        }
        List<String> divisions = request.divisions() == null ? List.of() : request.divisions();
        for (int i = 0; i < divisions.size(); i++) {
            if (divisions.get(i) == null || !county.isDivision(divisions.get(i))) {
                problems.add(new FieldProblem("divisions[" + i + "]", "is not a village or township code of the county"));
            }
        }
        List<String> categories = request.categories() == null ? List.of() : request.categories();
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i) == null || county.category(categories.get(i)).isEmpty()) {
                problems.add(new FieldProblem("categories[" + i + "]", "is not a petition category of the county"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        UUID id = projects.insert(request, department, clock.instant(), caller.name());
        petitions.linkProject(id);
        return published("REGISTERED", id);
    }

    @Transactional
    public ProjectView assess(Caller caller, String id, NewAssessment request, List<FieldProblem> shape) {
        ProjectView project = actingOn(caller, id);
        List<FieldProblem> problems = new ArrayList<>(shape);
        if (request.survey() != null && request.survey().householdsSurveyed() != null
                && request.survey().opposed() != null) {
            if (request.survey().opposed() > request.survey().householdsSurveyed()) {
                problems.add(new FieldProblem("survey.opposed", "must not be more than householdsSurveyed"));
            }
            if (request.survey().householdsSurveyed() > project.households()) {
                problems.add(new FieldProblem("survey.householdsSurveyed", "must not be more than the project's "
                        + project.households() + " households"));
            }
        }
        List<String> methods = request.methods() == null ? List.of() : request.methods();
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i) == null || !METHODS.contains(methods.get(i))) {
                problems.add(new FieldProblem("methods[" + i + "]", "must be one of 公示, 问卷, 座谈走访, 听证"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (project.status() == ProjectStatus.REJECTED) {
            throw new ConflictException("project-rejected", "项目已决定不予实施，不再评估");
        }
        int surveyed = request.survey().householdsSurveyed();
        int opposed = request.survey().opposed();
        int missing = rules.missingHouseholds(project.households(), surveyed);
        if (missing > 0) {
            throw new ConflictException("survey-coverage", "入户调查覆盖率不足：受影响 " + project.households()
                    + " 户，已调查 " + surveyed + " 户，还需至少调查 " + missing + " 户（覆盖率须达 "
                    + rules.minCoveragePercent() + "%）方可确定风险等级");
        }
        RiskLevel computed = rules.level(surveyed, opposed);
        RiskLevel level = request.level() == null ? computed : request.level();
        if (level.compareTo(computed) < 0) {
            throw new ConflictException("level-below-survey", "风险等级不得低于调查结果：调查 " + surveyed + " 户，反对 "
                    + opposed + " 户（" + Percent.of(opposed, surveyed) + "%），对应「"
                    + computed.chinese() + "」风险；可以上调，不能下调");
        }
        projects.insertAssessment(UUID.fromString(project.id()), request, computed, level, clock.instant(),
                caller.name());
        return published("ASSESSED", UUID.fromString(project.id()));
    }

    @Transactional
    public ProjectView decide(Caller caller, String id, NewDecision request, List<FieldProblem> shape) {
        ProjectView project = actingOn(caller, id);
        if (!shape.isEmpty()) {
            throw new InvalidRequestException(shape);
        }
        if (project.status() == ProjectStatus.DRAFT) {
            throw new ConflictException("decision-needs-assessment", "项目尚未进行社会稳定风险评估，不能作出决策");
        }
        if (!project.status().awaitsDecision()) {
            throw new ConflictException("project-decided", "项目已作出决策（" + project.decision() + "），不能再次决策");
        }
        if (request.decision() == Decision.PROCEED && project.level() != RiskLevel.LOW) {
            throw new ConflictException("proceed-needs-low-risk", "只有评估为低风险的项目方可实施；当前评估等级为「"
                    + project.level().chinese() + "」，可暂缓实施，落实化解措施后重新评估");
        }
        projects.decide(UUID.fromString(project.id()), request.decision(), request.reason(), clock.instant(),
                caller.name());
        return published("DECIDED", UUID.fromString(project.id()));
    }

    /**
     * The project as changed, published on risk.project.v1 in the same transaction (outbox). The change number is
     * 1 for the registration, one more for each assessment and for the decision.
     */
    private ProjectView published(String action, UUID id) {
        ProjectView p = projects.find(id).orElseThrow();
        if (!"REGISTERED".equals(action)) {
            // its open PROJECT warning follows the latest assessment, once this change committed
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            warningDetector.projectChanged(id);
                        }
                    });
        }
        long sequence = 1L + p.assessments().size() + (p.decision() == null ? 0 : 1);
        outbox.append(new ProjectChanged(p.id(), action, p.name(), p.department(), p.divisions(), p.categories(),
                p.households(), p.plannedStart(), p.status().name(), p.level() == null ? null : p.level().name(),
                p.decision() == null ? null : p.decision().name(), clock.instant(), sequence), clock.instant());
        return p;
    }

    @Transactional(readOnly = true)
    public List<ProjectView> list(Caller caller) {
        return projects.list(caller.readsEveryCase() ? null : caller.department());
    }

    @Transactional(readOnly = true)
    public ProjectView find(Caller caller, String id) {
        return visible(caller, id);
    }

    /**
     * The project's petitions the caller may see: the facts of each (no content, no people) as the visibility policy
     * allows them for a situation the project's department answers for; never one whose complaint bars the caller,
     * nor the number of a repeated petition that bars it.
     */
    @Transactional(readOnly = true)
    public List<LinkedPetition> petitions(Caller caller, String id) {
        ProjectView project = visible(caller, id);
        Set<String> responsible = Set.of(project.department());
        return projects.petitions(UUID.fromString(project.id())).stream()
                .filter(l -> visibility.situation(caller, l.barred(), responsible) != Access.NONE)
                .map(l -> l.petition().repeatOf() == null
                        || visibility.situation(caller, l.repeatBarred(), responsible) != Access.NONE ? l.petition()
                        : l.petition().withoutRepeat())
                .toList();
    }

    /** The project if the caller may see it (the policy's situation rule: the bureau, the supervisor, its department). */
    private ProjectView visible(Caller caller, String id) {
        ProjectView project = Ids.parse(id).flatMap(projects::find).orElseThrow(() -> notFound(id));
        if (visibility.situation(caller, Set.of(), Set.of(project.department())) == Access.NONE) {
            throw notFound(id);
        }
        return project;
    }

    /** The project, locked, if the caller may act on it: the bureau, or the department responsible. */
    private ProjectView actingOn(Caller caller, String id) {
        ProjectView project = Ids.parse(id).flatMap(projects::lock).orElseThrow(() -> notFound(id));
        if (!caller.isBureau() && !project.department().equals(caller.department())) {
            throw notFound(id);
        }
        return project;
    }


    private static NotFoundException notFound(String id) {
        return new NotFoundException("No project " + id + " that you may see");
    }
}
