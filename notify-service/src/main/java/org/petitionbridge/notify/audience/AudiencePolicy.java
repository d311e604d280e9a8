package org.petitionbridge.notify.audience;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.notify.cases.CaseState;

/**
 * Who receives an event, and how much of it. The rules (docs/notify.md explains why):
 * <ul>
 * <li>the departments assigned to the case (lead and co-handlers) receive its received, routed and status events in
 * full, whatever their subscriptions select;</li>
 * <li>DUE_SOON, OVERDUE and ESCALATED remind the lead department; ESCALATED (督办) also goes, in full, to the bureau
 * and the supervisor; a group or repeat petition alerts the bureau at once;</li>
 * <li>the bureau supervises every case: what its subscriptions select it sees in full;</li>
 * <li>any other department sees what its interest subscriptions select as a de-identified summary;</li>
 * <li>a department the petition complains about (or that routing recused for it) receives nothing at all of that
 * petition, not even a summary, whatever its role or subscriptions.</li>
 * </ul>
 */
public final class AudiencePolicy {

    public static final String DUE_SOON = "DUE_SOON";
    public static final String OVERDUE = "OVERDUE";
    public static final String ESCALATED = "ESCALATED";

    private final String bureau;
    private final String supervisor;

    public AudiencePolicy(String bureau, String supervisor) {
        this.bureau = bureau;
        this.supervisor = supervisor;
    }

    /** The bureau is the department of kind BUREAU (信访局), the supervisor the one of kind SUPERVISOR. */
    public static AudiencePolicy of(CountyReference county) {
        return new AudiencePolicy(code(county, "BUREAU"), code(county, "SUPERVISOR"));
    }

    private static String code(CountyReference county, String kind) {
        return county.departments().values().stream().filter(d -> kind.equals(d.kind()))
                .map(CountyReference.Department::code).findFirst()
                .orElseThrow(() -> new IllegalStateException("the county reference has no department of kind " + kind));
    }

    public String bureau() {
        return bureau;
    }

    public String supervisor() {
        return supervisor;
    }

    public List<Recipient> recipients(Occurrence event, CaseState kase, List<Interest> subscriptions) {
        Set<String> assigned = new LinkedHashSet<>(kase.assigned());
        assigned.addAll(event.alsoAssigned());
        Map<String, EnumSet<Reason>> reasons = new LinkedHashMap<>();
        Map<String, Set<String>> webhooks = new LinkedHashMap<>();

        // 1. by role: these reach every endpoint of the department, whatever its subscriptions select
        switch (event.kind()) {
            case RECEIVED, ROUTED, STATUS -> assigned.forEach(d -> add(reasons, d, Reason.HANDLER));
            case DEADLINE -> {
                String lead = kase.activeLead();
                if (lead != null && (DUE_SOON.equals(event.deadlineKind()) || OVERDUE.equals(event.deadlineKind())
                        || ESCALATED.equals(event.deadlineKind()))) {
                    add(reasons, lead, Reason.REMINDER);
                }
                if (ESCALATED.equals(event.deadlineKind())) {
                    add(reasons, bureau, Reason.ESCALATION);
                    add(reasons, supervisor, Reason.ESCALATION);
                }
            }
        }
        if (event.kind() == EventKind.RECEIVED && event.alertBureau()) {
            add(reasons, bureau, Reason.BUREAU_ALERT);
        }
        for (Interest s : subscriptions) {
            if (s.webhook() && reasons.containsKey(s.department())) {
                webhooks.computeIfAbsent(s.department(), d -> new LinkedHashSet<>()).add(s.subscriptionId());
            }
        }

        // 2. by selection: what a subscription's event types and filters select
        for (Interest s : subscriptions) {
            if (!s.selects(event.kind(), kase)) {
                continue;
            }
            String d = s.department();
            add(reasons, d, assigned.contains(d) ? Reason.HANDLER : d.equals(bureau) ? Reason.SUPERVISION
                    : Reason.INTEREST);
            if (s.webhook()) {
                webhooks.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(s.subscriptionId());
            }
        }

        // 3. the department complained about receives nothing of this petition
        List<Recipient> out = new ArrayList<>();
        reasons.forEach((department, why) -> {
            if (kase.barred().contains(department)) {
                return;
            }
            boolean full = why.stream().anyMatch(r -> r != Reason.INTEREST);
            if (full) {
                why.remove(Reason.INTEREST);
            }
            out.add(new Recipient(department, full ? View.FULL : View.SUMMARY, why,
                    List.copyOf(webhooks.getOrDefault(department, Set.of()))));
        });
        return out;
    }

    private static void add(Map<String, EnumSet<Reason>> reasons, String department, Reason reason) {
        if (department != null) {
            reasons.computeIfAbsent(department, d -> EnumSet.noneOf(Reason.class)).add(reason);
        }
    }
}
