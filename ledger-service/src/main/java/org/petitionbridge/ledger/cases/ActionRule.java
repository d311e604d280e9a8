package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.service.problems.FieldProblem;

/**
 * One row of the ledger's table of actions ({@link CaseStateMachine#rules()}): the fields the action needs, who may
 * take it, the statuses it is allowed from, the other conditions of the case and its clocks, the status it leads to
 * and what it changes. Each refusal names its rule ({@code rule} of the problem details). {@link CaseStateMachine}
 * checks a row in this order: {@code fields} (400), {@code by} (403 {@code notBy}), {@code before} (409), {@code from}
 * (409 {@code notFrom}), {@code after} (409, the clocks among them); then {@code effect} changes the case and it moves
 * to {@code to}.
 */
record ActionRule(Action action, Fields fields, Party by, Refusal notBy, List<Guard> before, Set<CaseStatus> from,
        Refusal notFrom, List<Guard> after, Target to, Effect effect) {

    /** The fields the action needs: each missing or bad one is added to the problems. */
    @FunctionalInterface
    interface Fields {
        void check(ActionRequest request, List<FieldProblem> problems);
    }

    /** A refusal: the rule's name and its words (which may name the case's status or dates). */
    record Refusal(String rule, Function<CaseState, String> message) {
    }

    /** A condition of the case, or of its clock on {@code today} (Asia/Shanghai), that refuses the action. */
    @FunctionalInterface
    interface Condition {
        boolean holds(CaseState c, LocalDate today);
    }

    /** The action is refused (409) when the condition holds. */
    record Guard(Condition when, Refusal refusal) {
    }

    /** Where the action takes the case, worked out before its effect. */
    @FunctionalInterface
    interface Target {

        /** Where the case stands now: the action leaves the status as it is. */
        Target UNCHANGED = (c, r) -> c.status();

        /** Back to where the case stood before the objection (异议). */
        Target BEFORE_OBJECTION = (c, r) -> c.statusBeforeObjection();

        CaseStatus of(CaseState c, ActionRequest request);

        static Target status(CaseStatus status) {
            return (c, r) -> status;
        }

        /** {@code then} for the request's {@code decision}, {@code otherwise} for the other one. */
        static Target onDecision(String decision, Target then, Target otherwise) {
            return (c, r) -> decision.equals(r.decision()) ? then.of(c, r) : otherwise.of(c, r);
        }
    }

    /** What the action changes on the case, and how its history entry and status event name it. */
    @FunctionalInterface
    interface Effect {
        CaseStateMachine.Applied apply(CaseState c, ActionRequest request, String actor, Instant at);
    }

    static Builder on(Action action) {
        return new Builder(action);
    }

    /** A row of the table, written in the order it is checked. */
    static final class Builder {

        private final Action action;
        private Fields fields = (r, p) -> { };
        private Party by;
        private Refusal notBy;
        private final List<Guard> before = new ArrayList<>();
        private Set<CaseStatus> from;
        private Refusal notFrom;
        private final List<Guard> after = new ArrayList<>();
        private Target to;

        private Builder(Action action) {
            this.action = action;
        }

        Builder needs(Fields fields) {
            this.fields = fields;
            return this;
        }

        /** Who may take it; anyone else is refused with 403 and the rule. */
        Builder by(Party party, String rule, String message) {
            this.by = party;
            this.notBy = new Refusal(rule, c -> party.refusal(message, c));
            return this;
        }

        /** Refused (409) when the condition holds, checked before the status. */
        Builder refuseFirst(String rule, Condition when, Function<CaseState, String> message) {
            if (from != null) {
                throw new IllegalStateException(action + ": refuseFirst belongs before from");
            }
            before.add(new Guard(when, new Refusal(rule, message)));
            return this;
        }

        Builder refuseFirst(String rule, Condition when, String message) {
            return refuseFirst(rule, when, c -> message);
        }

        /** Allowed from these statuses only: otherwise 409, the words followed by the current status. */
        Builder from(Set<CaseStatus> statuses, String rule, String message) {
            return from(statuses, rule, c -> message + "（当前状态 " + c.status() + "）");
        }

        /** Allowed from these statuses only: otherwise 409 with these words. */
        Builder from(Set<CaseStatus> statuses, String rule, Function<CaseState, String> message) {
            this.from = Collections.unmodifiableSet(EnumSet.copyOf(statuses));
            this.notFrom = new Refusal(rule, message);
            return this;
        }

        /** Allowed from any status that reaches the table (the machine refuses ended and attached cases before). */
        Builder fromAny() {
            this.from = Collections.unmodifiableSet(EnumSet.allOf(CaseStatus.class));
            this.notFrom = null;
            return this;
        }

        /** Refused (409) when the condition holds, checked after the status. */
        Builder refuse(String rule, Condition when, Function<CaseState, String> message) {
            if (from == null) {
                throw new IllegalStateException(action + ": refuse belongs after from (refuseFirst before it)");
            }
            after.add(new Guard(when, new Refusal(rule, message)));
            return this;
        }

        Builder refuse(String rule, Condition when, String message) {
            return refuse(rule, when, c -> message);
        }

        Builder to(CaseStatus status) {
            return to(Target.status(status));
        }

        Builder to(Target target) {
            this.to = target;
            return this;
        }

        ActionRule does(Effect effect) {
            Objects.requireNonNull(by, action + ": who may take it");
            Objects.requireNonNull(from, action + ": from which statuses");
            Objects.requireNonNull(to, action + ": to which status");
            return new ActionRule(action, fields, by, notBy, List.copyOf(before), from, notFrom, List.copyOf(after),
                    to, Objects.requireNonNull(effect));
        }
    }
}
