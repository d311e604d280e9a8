package org.petitionbridge.notify.audience;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.notify.cases.CaseState;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.PetitionParties;
import org.petitionbridge.security.visibility.VisibilityPolicy;

/**
 * Who receives an event, and how much of it. How much is always the shared visibility policy's answer
 * ({@link VisibilityPolicy#delivery}); this class adds why each department hears of the event (docs/notify.md):
 * <ul>
 * <li>the departments handling the case, as the ledger last published it (lead and co-handlers), receive its
 * received, routed and status events in full, whatever their subscriptions select;</li>
 * <li>DUE_SOON, OVERDUE and ESCALATED remind the lead department; ESCALATED (督办) also goes, in full, to the acting
 * bureau and the acting supervisor; a group or repeat petition alerts the acting bureau at once;</li>
 * <li>the bureau and the supervisor read every case: what their subscriptions select they receive in full;</li>
 * <li>any other department receives what its interest subscriptions select as a de-identified summary;</li>
 * <li>a department the petition's complaint bars (or that routing recused for it) receives nothing at all of that
 * petition, not even a summary, whatever its role or subscriptions;</li>
 * <li>the one department the ledger has just taken off the case for an accepted objection hears of that decision
 * (the answer to its own objection), and of nothing after it.</li>
 * </ul>
 */
public final class AudiencePolicy {

    public static final String DUE_SOON = "DUE_SOON";
    public static final String OVERDUE = "OVERDUE";
    public static final String ESCALATED = "ESCALATED";

    private final VisibilityPolicy visibility;

    public AudiencePolicy(VisibilityPolicy visibility) {
        this.visibility = visibility;
    }

    public static AudiencePolicy of(CountyReference county) {
        return new AudiencePolicy(VisibilityPolicy.of(county));
    }

    public String bureau() {
        return visibility.bureau();
    }

    public String supervisor() {
        return visibility.supervisor();
    }

    public List<Recipient> recipients(Occurrence event, CaseState kase, List<Interest> subscriptions) {
        PetitionParties parties = kase.parties();
        Set<String> barred = parties.barred();
        Set<String> assigned = new LinkedHashSet<>(parties.handlers());
        assigned.addAll(event.alsoAssigned());
        String actingBureau = visibility.actingBureau(barred);
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
                    add(reasons, actingBureau, Reason.ESCALATION);
                    add(reasons, visibility.actingSupervisor(barred), Reason.ESCALATION);
                }
            }
        }
        if (event.kind() == EventKind.RECEIVED && event.alertBureau()) {
            add(reasons, actingBureau, Reason.BUREAU_ALERT);
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
            add(reasons, d, assigned.contains(d) ? Reason.HANDLER
                    : visibility.access(d, parties) == Access.FULL ? Reason.SUPERVISION : Reason.INTEREST);
            if (s.webhook()) {
                webhooks.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(s.subscriptionId());
            }
        }

        // 3. how much: the visibility policy; a barred department receives nothing of this petition
        List<Recipient> out = new ArrayList<>();
        reasons.forEach((department, why) -> {
            if (parties.bars(department)) {
                return;
            }
            boolean full = why.stream().anyMatch(r -> r != Reason.INTEREST);
            Access access = full ? Access.FULL : visibility.delivery(department, parties, true);
            if (access == Access.NONE) {
                return;
            }
            if (access == Access.FULL) {
                why.remove(Reason.INTEREST);
            }
            out.add(new Recipient(department, access == Access.FULL ? View.FULL : View.SUMMARY, why,
                    List.copyOf(webhooks.getOrDefault(department, Set.of()))));
        });
        return out;
    }

    /**
     * Who receives a warning's or a project's event, and how much (the visibility policy's
     * {@link VisibilityPolicy#situationDelivery}):
     * <ul>
     * <li>the departments responsible for it and the acting bureau: in full, on every endpoint, without subscribing
     * to anything (RESPONSIBLE); an escalated warning also tells the acting bureau as 督办 (ESCALATION);</li>
     * <li>what a subscription selects: the bureau and the supervisor in full (SUPERVISION), another department a
     * summary without petition numbers (INTEREST);</li>
     * <li>a department a complaint of one of its petitions bars: nothing, whatever its role or subscriptions.</li>
     * </ul>
     */
    public List<Recipient> recipients(SituationNotice notice, List<Interest> subscriptions) {
        Map<String, EnumSet<Reason>> reasons = new LinkedHashMap<>();
        Map<String, Set<String>> webhooks = new LinkedHashMap<>();
        String actingBureau = visibility.actingBureau(notice.barred());
        notice.responsible().stream().sorted().forEach(d -> add(reasons, d, Reason.RESPONSIBLE));
        add(reasons, actingBureau, Reason.RESPONSIBLE);
        if (notice.escalated()) {
            add(reasons, actingBureau, Reason.ESCALATION);
        }
        for (Interest s : subscriptions) {
            if (s.webhook() && reasons.containsKey(s.department())) {
                webhooks.computeIfAbsent(s.department(), d -> new LinkedHashSet<>()).add(s.subscriptionId());
            }
        }
        for (Interest s : subscriptions) {
            if (!s.selects(notice.kind(), notice.category(), notice.divisionCode(), null)) {
                continue;
            }
            String d = s.department();
            Access access = visibility.situationDelivery(d, notice.barred(), notice.responsible(), true);
            add(reasons, d, reasons.containsKey(d) ? Reason.RESPONSIBLE
                    : access == Access.FULL ? Reason.SUPERVISION : Reason.INTEREST);
            if (s.webhook()) {
                webhooks.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(s.subscriptionId());
            }
        }
        List<Recipient> out = new ArrayList<>();
        reasons.forEach((department, why) -> {
            Access access = visibility.situationDelivery(department, notice.barred(), notice.responsible(),
                    why.contains(Reason.INTEREST));
            if (access == Access.NONE) {
                return;
            }
            out.add(new Recipient(department, access == Access.FULL ? View.FULL : View.SUMMARY, why,
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
