package org.petitionbridge.risk.warnings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.risk.Ids;
import org.petitionbridge.risk.warnings.WarningRequests.NewAction;
import org.petitionbridge.risk.warnings.WarningViews.WarningView;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and acting on warnings. Who sees a warning is the visibility policy's ({@link VisibilityPolicy#situation}):
 * the bureau, the supervisor and the departments responsible, never a department that a complaint of one of its
 * petitions bars (to it the warning does not exist: 404). Acting: a responsible department or the (acting) bureau
 * acknowledges and resolves; only the (acting) bureau dismisses; the supervisor reads.
 */
@Service
public class WarningService {

    /** At most this many warnings in one answer (the most recently changed). */
    private static final int PAGE = 500;

    private final WarningRepository warnings;
    private final VisibilityPolicy visibility;
    private final OutboxWriter outbox;
    private final Clock clock;

    WarningService(WarningRepository warnings, VisibilityPolicy visibility, OutboxWriter outbox, Clock clock) {
        this.warnings = warnings;
        this.visibility = visibility;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WarningView> list(Caller caller, WarningStatus status, WarningType type) {
        if (caller.department() == null && !caller.has(Role.LEADER)) {
            return List.of();
        }
        return warnings.list(visibility.barredViewer(caller), caller.readsEveryCase(), visibility.bureau(),
                visibility.supervisor(), status, type, PAGE)
                .stream().filter(w -> sees(caller, w))
                .map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public WarningView find(Caller caller, String id) {
        Warning w = Ids.parse(id).flatMap(warnings::find).filter(x -> sees(caller, x)).orElseThrow(() -> notFound(id));
        return view(w);
    }

    @Transactional
    public WarningView act(Caller caller, String id, NewAction request, List<FieldProblem> shape) {
        Warning w = Ids.parse(id).flatMap(warnings::lock).filter(x -> sees(caller, x)).orElseThrow(() -> notFound(id));
        List<FieldProblem> problems = new ArrayList<>(shape);
        if (request.action() != null && (request.required() == null || request.required().isBlank())) {
            problems.add(new FieldProblem(request.action().requiredField(), "is required with " + request.action()
                    + switch (request.action()) {
                        case ACKNOWLEDGE -> ": the person in charge (包案人)";
                        case RESOLVE -> ": the measures taken";
                        case DISMISS -> ": why the warning needs no action";
                    }));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        WarningAction action = request.action();
        boolean actingBureau = visibility.actsAsBureau(caller.department(), w.barred());
        if (action.bureauOnly() && !actingBureau) {
            throw new ForbiddenException("bureau-only", "Only the petition bureau (信访局) dismisses a warning; "
                    + "a responsible department acknowledges or resolves it");
        }
        if (!actingBureau && !w.departments().contains(caller.department())) {
            throw new ForbiddenException("responsible-only", "Only a department responsible for the warning ("
                    + String.join(", ", w.departments()) + ") or the petition bureau acts on it; you may read it");
        }
        if (!action.allowedFrom(w.status())) {
            throw new ConflictException("warning-" + w.status().name().toLowerCase(Locale.ROOT),
                    "预警当前状态为「" + w.status().chinese() + "」，不能" + action.chinese());
        }
        Instant now = clock.instant();
        w.act(action, now);
        warnings.save(w);
        warnings.recordAction(w.id(), action.name(), caller.department(), caller.clientId(),
                action == WarningAction.ACKNOWLEDGE ? request.person().strip() : null,
                action == WarningAction.ACKNOWLEDGE ? null : request.required().strip(), now);
        outbox.append(w.event(action.published(), now), now);
        return view(w);
    }

    /** The warning as the API answers it: every petition it names (its events name the latest) and its actions. */
    private WarningView view(Warning w) {
        return WarningView.of(w, warnings.petitionNos(w.id()), warnings.actions(w.id()));
    }

    private boolean sees(Caller caller, Warning w) {
        return visibility.situation(caller, w.barred(), Set.copyOf(w.departments())) != Access.NONE;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No warning " + id + " that you may see");
    }
}
