package org.petitionbridge.notify.deliveries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DisputeChanged;
import org.petitionbridge.events.ScreeningChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PlatformEvent;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.service.inbox.ProcessedEvents;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.tracing.EventTracing;
import org.petitionbridge.notify.audience.AudiencePolicy;
import org.petitionbridge.notify.audience.EventKind;
import org.petitionbridge.notify.audience.EventViews;
import org.petitionbridge.notify.audience.Interest;
import org.petitionbridge.notify.audience.Occurrence;
import org.petitionbridge.notify.audience.Reason;
import org.petitionbridge.notify.audience.Recipient;
import org.petitionbridge.notify.audience.SituationNotice;
import org.petitionbridge.notify.audience.View;
import org.petitionbridge.notify.cases.CaseRepository;
import org.petitionbridge.notify.cases.CaseState;
import org.petitionbridge.notify.feed.FeedRepository;
import org.petitionbridge.notify.subscriptions.SubscriptionService;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.util.RawValue;

/**
 * Turns each consumed event into feed entries and pending webhook deliveries, in one transaction, once per event: a
 * petition's event id is kept with its case (locked, and written once per batch anyway), a situation's (a warning's,
 * a project's, a screening round's, a dispute's) is claimed as processed, so that an event consumed twice is planned
 * once. It first merges the event into notify's view of the case, then
 * asks the {@link AudiencePolicy} who receives what. Planning is a few quick database writes, so consumption from
 * Kafka never waits for a webhook.
 */
@Service
public class DeliveryPlanner {

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final CaseRepository cases;
    private final FeedRepository feed;
    private final SubscriptionService subscriptions;
    private final AudiencePolicy policy;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;
    private final VisibilityPolicy visibility;
    private final EventTracing tracing;
    private final Map<View, Counter> entries = new EnumMap<>(View.class);

    DeliveryPlanner(JdbcClient jdbc, ProcessedEvents processed, CaseRepository cases, FeedRepository feed,
            SubscriptionService subscriptions, AudiencePolicy policy, WebhookDispatcher dispatcher, Clock clock,
            MeterRegistry meters, VisibilityPolicy visibility, EventTracing tracing) {
        this.visibility = visibility;
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.processed = processed;
        this.cases = cases;
        this.feed = feed;
        this.subscriptions = subscriptions;
        this.policy = policy;
        this.dispatcher = dispatcher;
        this.clock = clock;
        for (View view : View.values()) {
            entries.put(view, Counter.builder("notify.feed.entries").description("events given to a department")
                    .tag("view", view.name()).register(meters));
        }
    }

    /**
     * Before a batch is planned: locks and reads the cases of its petitions' events (those not known yet are new ones,
     * written with the rest at the batch's end), in two statements for all (two an event otherwise).
     */
    @Transactional
    public void prepare(List<PlatformEvent> events) {
        Set<String> petitions = new LinkedHashSet<>();
        for (PlatformEvent event : events) {
            if (event instanceof PetitionEvent p) {
                petitions.add(p.petitionNo());
            }
        }
        if (!petitions.isEmpty()) {
            plan().cases.putAll(cases.lockAll(petitions));
        }
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        EventViews.ReceivedPetition visible = EventViews.ReceivedPetition.of(p);
        plan(received.event(), p.petitionNo(), EventKind.RECEIVED, p, visible, kase -> {
            kase.applyReceived(received.event().id(), received.event().time(), p,
                    EventCodec.mapper().writeValueAsString(visible), visibility.barredBy(p.complainedAgainst()));
            return new Occurrence(EventKind.RECEIVED, null, p.group() || p.repeatOf() != null, Set.of());
        });
    }

    @Transactional
    public void onRouted(EventCodec.Received<PetitionRouted> received) {
        PetitionRouted r = received.data();
        plan(received.event(), r.petitionNo(), EventKind.ROUTED, r, r, kase -> {
            kase.applyRouted(received.event().id(), received.event().time(), r, EventCodec.mapper().writeValueAsString(r));
            return Occurrence.of(EventKind.ROUTED);
        });
    }

    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        plan(received.event(), s.petitionNo(), EventKind.STATUS, s, s, kase -> {
            kase.applyStatus(s);
            boolean released = CaseState.OBJECTION_ACCEPTED.equals(s.action()) && s.objectingDepartment() != null;
            return new Occurrence(EventKind.STATUS, null, false,
                    released ? Set.of(s.objectingDepartment()) : Set.of());
        });
    }

    @Transactional
    public void onDeadline(EventCodec.Received<DeadlineReached> received) {
        DeadlineReached d = received.data();
        plan(received.event(), d.petitionNo(), EventKind.DEADLINE, d, d, kase -> {
            kase.applyDeadline(d);
            return new Occurrence(EventKind.DEADLINE, d.kind(), false, Set.of());
        });
    }

    /** A warning raised, updated, acted on or escalated: to its departments and the bureau, never to one it bars. */
    @Transactional
    public void onWarning(EventCodec.Received<WarningChanged> received) {
        WarningChanged w = received.data();
        SituationNotice notice = new SituationNotice(EventKind.WARNING, Set.copyOf(w.departments()),
                "ESCALATED".equals(w.action()), Set.copyOf(w.barredDepartments()), w.category(), w.townshipCode());
        planSituation(received.event(), w.warningId(), notice, EventViews.WarningView.of(w),
                EventViews.WarningSummary.of(w));
    }

    /** A project registered, assessed or decided: to its department and the bureau. */
    @Transactional
    public void onProject(EventCodec.Received<ProjectChanged> received) {
        ProjectChanged p = received.data();
        SituationNotice notice = new SituationNotice(EventKind.PROJECT, Set.of(p.department()), false, Set.of(),
                p.categories().size() == 1 ? p.categories().get(0) : null,
                p.divisions().size() == 1 ? p.divisions().get(0) : null);
        planSituation(received.event(), p.projectId(), notice, p, EventViews.ProjectSummary.of(p));
    }

    /**
     * A screening round opened (to its units), calling for reports (to the units that have not reported) or past due
     * (to the bureau, as 督办 of the units missing); REPORTED reaches the bureau only.
     */
    @Transactional
    public void onScreening(EventCodec.Received<ScreeningChanged> received) {
        ScreeningChanged s = received.data();
        SituationNotice notice = new SituationNotice(EventKind.SCREENING, Set.copyOf(s.departments()),
                "OVERDUE".equals(s.action()), Set.of(), null, null);
        planSituation(received.event(), s.roundId(), notice, s, EventViews.ScreeningSummary.of(s));
    }

    /**
     * An issue of the 矛盾纠纷 ledger: to its responsible department, the unit that reported it and the bureau; a
     * yellow or red card also to the leader's unit, and to the bureau as 督办.
     */
    @Transactional
    public void onDispute(EventCodec.Received<DisputeChanged> received) {
        DisputeChanged d = received.data();
        boolean card = "YELLOW_CARD".equals(d.action()) || "RED_CARD".equals(d.action());
        // the responsible department, and the unit that reported it (it hears what becomes of its report)
        Set<String> responsible = new java.util.LinkedHashSet<>(List.of(d.responsibleDepartment(), d.reportingUnit()));
        if (card && d.leaderUnit() != null) {
            responsible.add(d.leaderUnit());
        }
        SituationNotice notice = new SituationNotice(EventKind.DISPUTE, responsible, card, Set.of(), d.category(),
                d.divisionCode());
        planSituation(received.event(), d.disputeId(), notice, d, EventViews.DisputeSummary.of(d));
    }

    /**
     * Feed entries and webhook deliveries of a warning's or a project's event, once per event id. The departments
     * its petitions bar are kept with its subject, so that no delivery listing shows them the subject either.
     */
    private void planSituation(CloudEvent event, String subject, SituationNotice notice, Object fullData,
            Object summaryData) {
        if (!processed.firstDelivery(event)) {
            return;
        }
        Instant now = clock.instant();
        if (!notice.barred().isEmpty()) {
            // only a subject that bars someone needs remembering (bars only accumulate)
            jdbc.sql("""
                    insert into notify_situation (subject, event_type, barred, updated_at) values (?, ?, ?, ?)
                    on conflict (subject) do update set updated_at = excluded.updated_at,
                        barred = array(select distinct b from unnest(notify_situation.barred || excluded.barred) b)""")
                    .params(subject, event.type(), SqlArrays.of(notice.barred()), Timestamp.from(now))
                    .update();
        }
        Plan plan = plan();
        Views views = new Views(view -> view == View.FULL ? fullData : summaryData);
        for (Recipient r : policy.recipients(notice, plan.interests())) {
            plan.append(event, subject, r.department(), r.view(), r.reasons(), views.of(r.view()),
                    r.webhookSubscriptions());
        }
    }

    /**
     * The event's data in each view, written as JSON once however many departments receive it (every recipient of
     * a view gets the same data; only the envelope, with the department and its feed position, differs).
     */
    private static final class Views {

        private final Function<View, Object> data;
        private final Map<View, RawValue> written = new EnumMap<>(View.class);

        Views(Function<View, Object> data) {
            this.data = data;
        }

        RawValue of(View view) {
            return written.computeIfAbsent(view,
                    v -> new RawValue(EventCodec.mapper().writeValueAsString(data.apply(v))));
        }
    }

    /** The key of the current transaction's {@link Plan}. */
    private final Object planKey = new Object();

    /** The current transaction's plan, begun by its first event. */
    private Plan plan() {
        Plan plan = (Plan) TransactionSynchronizationManager.getResource(planKey);
        if (plan == null) {
            plan = new Plan(subscriptions.activeInterests());
            TransactionSynchronizationManager.bindResource(planKey, plan);
            TransactionSynchronizationManager.registerSynchronization(plan);
        }
        return plan;
    }

    /**
     * What the events of one transaction (a poll's batch, or one event planned on its own) make of notify's tables,
     * kept in memory while its events are planned, one after another, and written in bulk when the transaction
     * flushes ({@code EventBatches} flushes after the batch's last handler; {@link #beforeCommit} writes whatever is
     * left): the cases once each, whatever number of events changed them; the feed entries in one statement, after
     * the feeds' locks and positions are taken in two; the webhook deliveries in one. The batch's events are planned
     * by one transaction at a time (the serial binding), so the feeds' locks are taken late, for a moment before the
     * commit, and their positions still increase in the order events were planned and committed.
     *
     * <p>The active subscriptions are read once, when the plan begins: they change rarely, and a batch planned from
     * the list read at its start plans what it would have planned a moment earlier. A subscription ended meanwhile
     * gets no delivery all the same (the insert requires it active).
     */
    private final class Plan implements TransactionSynchronization {

        private final List<Interest> interests;
        private final Map<String, CaseState> cases = new LinkedHashMap<>();
        private final List<FeedRepository.NewEntry> entries = new ArrayList<>();
        /** Of each entry: the webhook subscriptions that carry it, and the trace of the event planned. */
        private final List<List<String>> webhooks = new ArrayList<>();
        private final List<String> traces = new ArrayList<>();
        /** Event id, department and view of every entry planned, which a feed holds once. */
        private final Set<String> planned = new HashSet<>();
        /** The subscriptions that got deliveries, for the dispatcher to read once the transaction commits. */
        private final Set<String> delivering = new HashSet<>();

        Plan(List<Interest> interests) {
            this.interests = interests;
        }

        List<Interest> interests() {
            return interests;
        }

        /** The petition's case, locked for the rest of the transaction when first asked for, then as changed since. */
        CaseState kase(String petitionNo) {
            return cases.computeIfAbsent(petitionNo, DeliveryPlanner.this.cases::lock);
        }

        /**
         * Plans the event's entry in the department's feed, carried by these webhook subscriptions; false when the
         * department already has this event in this view from this plan (the feed and the deliveries' unique keys
         * turn down one from before).
         */
        boolean append(CloudEvent event, String subject, String department, View view, Set<Reason> reasons,
                Object data, List<String> subscriptionIds) {
            if (!planned.add(event.id() + '\n' + department + '\n' + view)) {
                return false;
            }
            entries.add(new FeedRepository.NewEntry(event, subject, department, view,
                    reasons.stream().sorted().toList(), data));
            webhooks.add(subscriptionIds);
            traces.add(subscriptionIds.isEmpty() ? null : tracing.currentTraceParent());
            return true;
        }

        @Override
        public void flush() {
            Instant now = clock.instant();
            if (!entries.isEmpty()) {
                List<Optional<FeedRepository.Appended>> appended = feed.appendAll(entries, now);
                List<PlannedDelivery> toDeliver = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    int entry = i;
                    appended.get(i).ifPresent(a -> {
                        DeliveryPlanner.this.entries.get(entries.get(entry).view()).increment();
                        webhooks.get(entry).forEach(subscription -> toDeliver.add(new PlannedDelivery(subscription,
                                entries.get(entry), a, traces.get(entry))));
                    });
                }
                delivering.addAll(deliver(toDeliver, now));
                entries.clear();
                webhooks.clear();
                traces.clear();
            }
            if (!cases.isEmpty()) {
                DeliveryPlanner.this.cases.saveAll(cases.values(), now);
                cases.clear();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(planKey);
            if (status == STATUS_COMMITTED && !delivering.isEmpty()) {
                dispatcher.planned(delivering);
            }
        }
    }

    /**
     * @param data     the event's data as consumed
     * @param fullData what a department that may see the full event receives
     */
    private void plan(CloudEvent event, String petitionNo, EventKind kind, Object data, Object fullData,
            Function<CaseState, Occurrence> apply) {
        Plan plan = plan();
        CaseState kase = plan.kase(petitionNo);
        if (!kase.firstPlanning(event.id())) {
            return;   // delivered again: the case, locked, remembers planning it (no event id is claimed for it)
        }
        Occurrence occurrence = apply.apply(kase);

        // the summary is of the case as this event leaves it, so it is written now, not when the plan is flushed
        Views views = new Views(view -> view == View.FULL ? fullData
                : EventViews.summary(kind, kase, data, event.time()));
        for (Recipient r : policy.recipients(occurrence, kase, plan.interests())) {
            plan.append(event, petitionNo, r.department(), r.view(), r.reasons(), views.of(r.view()),
                    r.webhookSubscriptions());
            if (kind == EventKind.RECEIVED && r.view() == View.FULL) {
                kase.giveContentTo(r.department());
            }
        }
        if (kind != EventKind.RECEIVED) {
            catchUp(plan, kase);
        }
        if (kind == EventKind.STATUS) {
            decisionApplied(plan, kase, (CaseStatusChanged) data);
        }
    }

    /**
     * A department assigned after the petition arrived has not seen its content: it gets the received event in
     * full now, once.
     */
    private void catchUp(Plan plan, CaseState kase) {
        if (kase.receivedPayload() == null) {
            return;
        }
        CloudEvent received = new CloudEvent(kase.receivedEventId(), "/petition-bridge/notify-service",
                PetitionReceived.TYPE, kase.receivedEventTime(), kase.petitionNo());
        RawValue content = null;
        for (String department : kase.assigned()) {
            if (kase.giveContentTo(department)) {
                // the JSON notify stored when the petition arrived, as it is
                content = content == null ? new RawValue(kase.receivedPayload()) : content;
                giveToHandler(plan, received, kase, department, content);
            }
        }
    }

    /**
     * The ledger applied a routing decision notify holds: the departments it names (handling the case now) receive
     * the decision in full, once each (a department that had it already is not given it again: the feed holds one
     * entry per event and department).
     */
    private void decisionApplied(Plan plan, CaseState kase, CaseStatusChanged status) {
        String payload = kase.routedPayloadAppliedBy(status);
        if (payload == null) {
            return;
        }
        CloudEvent routed = new CloudEvent(kase.routedEventId(), "/petition-bridge/notify-service",
                PetitionRouted.TYPE, kase.routedEventTime(), kase.petitionNo());
        RawValue decision = new RawValue(payload);
        for (String department : kase.assigned()) {
            giveToHandler(plan, routed, kase, department, decision);
        }
    }

    /** Appends an earlier event to a handler's feed in full (once) and plans it for the handler's webhooks. */
    private void giveToHandler(Plan plan, CloudEvent event, CaseState kase, String department, Object content) {
        plan.append(event, kase.petitionNo(), department, View.FULL, Set.of(Reason.HANDLER), content,
                webhooksOf(plan.interests(), department));
    }

    private static List<String> webhooksOf(List<Interest> interests, String department) {
        return interests.stream().filter(i -> i.webhook() && i.department().equals(department))
                .map(Interest::subscriptionId).toList();
    }

    /** One webhook delivery of a feed entry just appended. */
    private record PlannedDelivery(String subscription, FeedRepository.NewEntry entry,
            FeedRepository.Appended appended, String traceParent) {
    }

    /**
     * Inserts the deliveries, PENDING, in one statement (a delivery of an event and subscription already planned is
     * not planned again, nor one of a subscription ended meanwhile) and returns the subscriptions that got one, for
     * the dispatcher to read once the transaction commits. The dispatcher then writes each once more, with its
     * outcome.
     */
    private Set<String> deliver(List<PlannedDelivery> planned, Instant now) {
        if (planned.isEmpty()) {
            return Set.of();
        }
        String[] ids = planned.stream().map(d -> "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .toArray(String[]::new);
        return new HashSet<>(jdbc.sql("""
                insert into delivery (id, subscription_id, event_id, event_type, subject, payload, status, attempts,
                    next_attempt_at, created_at, view, feed_seq, trace_parent)
                select p.id, p.subscription_id, p.event_id, p.event_type, p.subject, p.payload, 'PENDING', 0, :now,
                    :now, p.view, p.feed_seq, p.trace_parent
                from unnest(cast(:ids as text[]), cast(:subscriptions as uuid[]), cast(:eventIds as text[]),
                        cast(:eventTypes as text[]), cast(:subjects as text[]), cast(:payloads as text[]),
                        cast(:views as text[]), cast(:seqs as bigint[]), cast(:traceParents as text[]))
                    with ordinality as p(id, subscription_id, event_id, event_type, subject, payload, view, feed_seq,
                        trace_parent, ord)
                join subscription s on s.id = p.subscription_id and s.active
                order by p.ord
                on conflict do nothing
                returning cast(subscription_id as text)""")
                .param("ids", ids)
                .param("subscriptions", column(planned, PlannedDelivery::subscription))
                .param("eventIds", column(planned, d -> d.entry().event().id()))
                .param("eventTypes", column(planned, d -> d.entry().event().type()))
                .param("subjects", column(planned, d -> d.entry().subject()))
                .param("payloads", column(planned, d -> d.appended().payload()))
                .param("views", column(planned, d -> d.entry().view().name()))
                .param("seqs", planned.stream().map(d -> d.appended().sequence()).toArray(Long[]::new))
                .param("traceParents", column(planned, PlannedDelivery::traceParent))
                .param("now", Timestamp.from(now))
                .query(String.class).list());
    }

    private static String[] column(List<PlannedDelivery> planned, Function<PlannedDelivery, String> value) {
        return planned.stream().map(value).toArray(String[]::new);
    }
}
