package org.petitionbridge.risk.warnings;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When risk raises a warning and at which level ({@code petition-bridge.risk.warnings}; defaults and where they come
 * from in docs/risk.md). Counts are compared in integers. Pure: each rule has a unit test that runs in milliseconds
 * ({@code WarningRulesTest}); {@code GET /api/v1/warnings/rules} shows the values in force.
 *
 * @param cluster    CLUSTER: at least {@code petitions} of one category in one township within {@code days}
 * @param spike      SPIKE: a township's or category's petitions in the last {@code days} against the trailing periods
 * @param group      GROUP_PETITION: the level of a group petition by the people in it
 * @param repeat     REPEAT: the same matter petitioned {@code times} or more
 * @param project    PROJECT: petitions linked to a project within {@code days}
 * @param escalation how long a RED warning may stay unacknowledged before the bureau is told
 */
@ConfigurationProperties("petition-bridge.risk.warnings")
public record WarningRules(Cluster cluster, Spike spike, Group group, Repeat repeat, Project project,
        Escalation escalation) {

    public static final WarningRules DEFAULTS = new WarningRules(new Cluster(5, 7), new Spike(7, 4, 200, 10),
            new Group(50), new Repeat(3, 4, 5), new Project(3, 30), new Escalation(Duration.ofHours(12)));

    public WarningRules {
        cluster = cluster == null ? DEFAULTS.cluster : cluster;
        spike = spike == null ? DEFAULTS.spike : spike;
        group = group == null ? DEFAULTS.group : group;
        repeat = repeat == null ? DEFAULTS.repeat : repeat;
        project = project == null ? DEFAULTS.project : project;
        escalation = escalation == null ? DEFAULTS.escalation : escalation;
    }

    /** YELLOW from {@code petitions}, ORANGE from twice as many, RED from three times as many. */
    public record Cluster(int petitions, int days) {
        public Cluster {
            positive("cluster.petitions", petitions);
            positive("cluster.days", days);
        }

        public boolean raises(int count) {
            return count >= petitions;
        }

        public WarningLevel level(int count) {
            return count >= 3 * petitions ? WarningLevel.RED
                    : count >= 2 * petitions ? WarningLevel.ORANGE : WarningLevel.YELLOW;
        }
    }

    /**
     * A spike: in the last {@code days}, at least {@code minimum} petitions, and more than {@code factorPercent} % of
     * the average of the {@code trailingPeriods} periods of {@code days} before. YELLOW; ORANGE above twice that.
     */
    public record Spike(int days, int trailingPeriods, int factorPercent, int minimum) {
        public Spike {
            positive("spike.days", days);
            positive("spike.trailing-periods", trailingPeriods);
            positive("spike.factor-percent", factorPercent);
            positive("spike.minimum", minimum);
        }

        /** @param trailing the counts of the periods before, most recent first */
        public boolean raises(int current, List<Integer> trailing) {
            return current >= minimum && above(current, trailing, factorPercent);
        }

        public WarningLevel level(int current, List<Integer> trailing) {
            return above(current, trailing, 2 * factorPercent) ? WarningLevel.ORANGE : WarningLevel.YELLOW;
        }

        /** current > percent % of the trailing average, i.e. current × periods × 100 > percent × sum. */
        private boolean above(int current, List<Integer> trailing, int percent) {
            long sum = trailing.stream().mapToLong(Integer::longValue).sum();
            return (long) current * trailing.size() * 100 > (long) percent * sum;
        }
    }

    /** A group petition (intake marks one of five people or more, 集体访) is ORANGE; RED from {@code redFromPeople}. */
    public record Group(int redFromPeople) {
        public Group {
            positive("group.red-from-people", redFromPeople);
        }

        public WarningLevel level(int people) {
            return people >= redFromPeople ? WarningLevel.RED : WarningLevel.ORANGE;
        }
    }

    /** The same matter petitioned {@code times} or more: YELLOW, ORANGE from {@code orangeFrom}, RED from {@code redFrom}. */
    public record Repeat(int times, int orangeFrom, int redFrom) {
        public Repeat {
            if (times < 2 || orangeFrom < times || redFrom < orangeFrom) {
                throw new IllegalArgumentException("petition-bridge.risk.warnings.repeat: need 2 <= times <= "
                        + "orange-from <= red-from");
            }
        }

        public boolean raises(int count) {
            return count >= times;
        }

        public WarningLevel level(int count) {
            return count >= redFrom ? WarningLevel.RED : count >= orangeFrom ? WarningLevel.ORANGE : WarningLevel.YELLOW;
        }
    }

    /**
     * At least {@code petitions} linked to a project within {@code days}, or any group petition linked: ORANGE; RED
     * when the project was assessed LOW (the assessment is contradicted) or a group petition is among them.
     */
    public record Project(int petitions, int days) {
        public Project {
            positive("project.petitions", petitions);
            positive("project.days", days);
        }

        public boolean raises(int count, boolean anyGroup) {
            return count >= petitions || anyGroup;
        }

        public WarningLevel level(boolean assessedLow, boolean anyGroup) {
            return assessedLow || anyGroup ? WarningLevel.RED : WarningLevel.ORANGE;
        }
    }

    /** A RED warning still OPEN {@code redUnacknowledged} after it became RED escalates to the bureau. */
    public record Escalation(Duration redUnacknowledged) {
        public Escalation {
            if (redUnacknowledged == null || redUnacknowledged.isNegative() || redUnacknowledged.isZero()) {
                throw new IllegalArgumentException("petition-bridge.risk.warnings.escalation.red-unacknowledged must "
                        + "be a positive duration, e.g. 12h");
            }
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("petition-bridge.risk.warnings." + name + " must be at least 1");
        }
    }
}
