package org.petitionbridge.notify.deliveries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
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
import org.petitionbridge.events.PetitionReceived;
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
 * Turns each consumed event into feed entries and pending webhook deliveries, in one transaction with the event's
 * id (an event consumed twice is planned once). It first merges the event into notify's view of the case, then
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

    @Transactional
    public int onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        EventViews.ReceivedPetition visible = EventViews.ReceivedPetition.of(p);
        return plan(received.event(), p.petitionNo(), EventKind.RECEIVED, p, visible, kase -> {
            kase.applyReceived(received.event().id(), received.event().time(), p,
                    EventCodec.mapper().writeValueAsString(visible), visibility.barredBy(p.complainedAgainst()));
            return new Occurrence(EventKind.RECEIVED, null, p.group() || p.repeatOf() != null, Set.of());
        });
    }

    @Transactional
    public int onRouted(EventCodec.Received<PetitionRouted> received) {
        PetitionRouted r = received.data();
        return plan(received.event(), r.petitionNo(), EventKind.ROUTED, r, r, kase -> {
            kase.applyRouted(received.event().id(), received.event().time(), r, EventCodec.mapper().writeValueAsString(r));
            return Occurrence.of(EventKind.ROUTED);
        });
    }

    @Transactional
    public int onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        return plan(received.event(), s.petitionNo(), EventKind.STATUS, s, s, kase -> {
            kase.applyStatus(s);
            boolean released = CaseState.OBJECTION_ACCEPTED.equals(s.action()) && s.objectingDepartment() != null;
            return new Occurrence(EventKind.STATUS, null, false,
                    released ? Set.of(s.objectingDepartment()) : Set.of());
        });
    }

    @Transactional
    public int onDeadline(EventCodec.Received<DeadlineReached> received) {
        DeadlineReached d = received.data();
        return plan(received.event(), d.petitionNo(), EventKind.DEADLINE, d, d, kase -> {
            kase.applyDeadline(d);
            return new Occurrence(EventKind.DEADLINE, d.kind(), false, Set.of());
        });
    }

    /** A warning raised, updated, acted on or escalated: to its departments and the bureau, never to one it bars. */
    @Transactional
    public int onWarning(EventCodec.Received<WarningChanged> received) {
        WarningChanged w = received.data();
        SituationNotice notice = new SituationNotice(EventKind.WARNING, Set.copyOf(w.departments()),
                "ESCALATED".equals(w.action()), Set.copyOf(w.barredDepartments()), w.category(), w.townshipCode());
        return planSituation(received.event(), w.warningId(), notice, EventViews.WarningView.of(w),
                EventViews.WarningSummary.of(w));
    }

    /** A project registered, assessed or decided: to its department and the bureau. */
    @Transactional
    public int onProject(EventCodec.Received<ProjectChanged> received) {
        ProjectChanged p = received.data();
        SituationNotice notice = new SituationNotice(EventKind.PROJECT, Set.of(p.department()), false, Set.of(),
                p.categories().size() == 1 ? p.categories().get(0) : null,
                p.divisions().size() == 1 ? p.divisions().get(0) : null);
        return planSituation(received.event(), p.projectId(), notice, p, EventViews.ProjectSummary.of(p));
    }

    /**
     * A screening round opened (to its units), calling for reports (to the units that have not reported) or past due
     * (to the bureau, as 督办 of the units missing); REPORTED reaches the bureau only.
     */
    @Transactional
    public int onScreening(EventCodec.Received<ScreeningChanged> received) {
        ScreeningChanged s = received.data();
        SituationNotice notice = new SituationNotice(EventKind.SCREENING, Set.copyOf(s.departments()),
                "OVERDUE".equals(s.action()), Set.of(), null, null);
        return planSituation(received.event(), s.roundId(), notice, s, EventViews.ScreeningSummary.of(s));
    }

    /**
     * An issue of the 矛盾纠纷 ledger: to its responsible department, the unit that reported it and the bureau; a
     * yellow or red card also to the leader's unit, and to the bureau as 督办.
     */
    @Transactional
    public int onDispute(EventCodec.Received<DisputeChanged> received) {
        DisputeChanged d = received.data();
        boolean card = "YELLOW_CARD".equals(d.action()) || "RED_CARD".equals(d.action());
        // the responsible department, and the unit that reported it (it hears what becomes of its report)
        Set<String> responsible = new java.util.LinkedHashSet<>(List.of(d.responsibleDepartment(), d.reportingUnit()));
        if (card && d.leaderUnit() != null) {
            responsible.add(d.leaderUnit());
        }
        SituationNotice notice = new SituationNotice(EventKind.DISPUTE, responsible, card, Set.of(), d.category(),
                d.divisionCode());
        return planSituation(received.event(), d.disputeId(), notice, d, EventViews.DisputeSummary.of(d));
    }

    /**
     * Feed entries and webhook deliveries of a warning's or a project's event, once per event id. The departments
     * its petitions bar are kept with its subject, so that no delivery listing shows them the subject either.
     */
    private int planSituation(CloudEvent event, String subject, SituationNotice notice, Object fullData,
            Object summaryData) {
        if (!processed.firstDelivery(event)) {
            return 0;
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
        List<Recipient> recipients = policy.recipients(notice, interests());
        feed.lockForAppend(recipients.stream().map(Recipient::department).toList());
        Views views = new Views(view -> view == View.FULL ? fullData : summaryData);
        int planned = 0;
        for (Recipient r : recipients) {
            Optional<FeedRepository.Appended> appended = feed.append(event, subject, r.department(), r.view(),
                    r.reasons().stream().sorted().toList(), views.of(r.view()), now);
            if (appended.isPresent()) {
                entries.get(r.view()).increment();
                planned += deliver(event, subject, r.webhookSubscriptions(), r.view(), appended.get(), now);
            }
        }
        wakeDispatcherAfterCommit(planned);
        return planned;
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

    /** The key of the active subscriptions read by the current transaction (see {@link #interests}). */
    private static final Object INTERESTS = new Object();

    /**
     * The active subscriptions, read once per transaction, that is once per batch of a poll, not once per event:
     * they change rarely, and a batch planned from the list read at its start plans what it would have planned a
     * moment earlier. A subscription ended meanwhile gets no delivery all the same ({@link #deliver} inserts only
     * for an active one).
     */
    @SuppressWarnings("unchecked")
    private List<Interest> interests() {
        List<Interest> read = (List<Interest>) TransactionSynchronizationManager.getResource(INTERESTS);
        if (read == null) {
            read = subscriptions.activeInterests();
            TransactionSynchronizationManager.bindResource(INTERESTS, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(INTERESTS);
                }
            });
        }
        return read;
    }

    private void wakeDispatcherAfterCommit(int planned) {
        if (planned > 0) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
    }

    /**
     * @param data     the event's data as consumed
     * @param fullData what a department that may see the full event receives
     */
    private int plan(CloudEvent event, String petitionNo, EventKind kind, Object data, Object fullData,
            Function<CaseState, Occurrence> apply) {
        if (!processed.firstDelivery(event)) {
            return 0;
        }
        Instant now = clock.instant();
        CaseState kase = cases.lock(petitionNo, now, kind == EventKind.RECEIVED);
        Occurrence occurrence = apply.apply(kase);

        List<Interest> interests = interests();
        List<Recipient> recipients = policy.recipients(occurrence, kase, interests);
        // The feeds this event may be appended to: its recipients', and the assigned departments' (catch-up).
        Set<String> feeds = new HashSet<>();
        recipients.forEach(r -> feeds.add(r.department()));
        if (kind != EventKind.RECEIVED) {
            feeds.addAll(kase.assigned());
        }
        feed.lockForAppend(feeds);
        Views views = new Views(view -> view == View.FULL ? fullData
                : EventViews.summary(kind, kase, data, event.time()));
        int planned = 0;
        for (Recipient r : recipients) {
            Optional<FeedRepository.Appended> appended = feed.append(event, petitionNo, r.department(), r.view(),
                    r.reasons().stream().sorted().toList(), views.of(r.view()), now);
            if (appended.isPresent()) {
                entries.get(r.view()).increment();
                planned += deliver(event, petitionNo, r.webhookSubscriptions(), r.view(), appended.get(), now);
            }
            if (kind == EventKind.RECEIVED && r.view() == View.FULL) {
                kase.giveContentTo(r.department());
            }
        }
        if (kind != EventKind.RECEIVED) {
            planned += catchUp(kase, interests, now);
        }
        if (kind == EventKind.STATUS) {
            planned += decisionApplied(kase, (CaseStatusChanged) data, interests, now);
        }
        cases.save(kase, now);
        wakeDispatcherAfterCommit(planned);
        return planned;
    }

    /**
     * A department assigned after the petition arrived has not seen its content: it gets the received event in
     * full now, once.
     */
    private int catchUp(CaseState kase, List<Interest> interests, Instant now) {
        if (kase.receivedPayload() == null) {
            return 0;
        }
        CloudEvent received = new CloudEvent(kase.receivedEventId(), "/petition-bridge/notify-service",
                PetitionReceived.TYPE, kase.receivedEventTime(), kase.petitionNo());
        RawValue content = null;
        int planned = 0;
        for (String department : kase.assigned()) {
            if (kase.giveContentTo(department)) {
                // the JSON notify stored when the petition arrived, as it is
                content = content == null ? new RawValue(kase.receivedPayload()) : content;
                planned += giveToHandler(received, kase, department, content, interests, now);
            }
        }
        return planned;
    }

    /**
     * The ledger applied a routing decision notify holds: the departments it names (handling the case now) receive
     * the decision in full, once each (a department that had it already is not given it again: the feed holds one
     * entry per event and department).
     */
    private int decisionApplied(CaseState kase, CaseStatusChanged status, List<Interest> interests, Instant now) {
        String payload = kase.routedPayloadAppliedBy(status);
        if (payload == null) {
            return 0;
        }
        CloudEvent routed = new CloudEvent(kase.routedEventId(), "/petition-bridge/notify-service",
                PetitionRouted.TYPE, kase.routedEventTime(), kase.petitionNo());
        RawValue decision = new RawValue(payload);
        int planned = 0;
        for (String department : kase.assigned()) {
            planned += giveToHandler(routed, kase, department, decision, interests, now);
        }
        return planned;
    }

    /** Appends an earlier event to a handler's feed in full (once) and plans it for the handler's webhooks. */
    private int giveToHandler(CloudEvent event, CaseState kase, String department, Object content,
            List<Interest> interests, Instant now) {
        Optional<FeedRepository.Appended> appended = feed.append(event, kase.petitionNo(), department, View.FULL,
                List.of(Reason.HANDLER), content, now);
        if (appended.isEmpty()) {
            return 0;
        }
        entries.get(View.FULL).increment();
        return deliver(event, kase.petitionNo(), webhooksOf(interests, department), View.FULL, appended.get(), now);
    }

    private static List<String> webhooksOf(List<Interest> interests, String department) {
        return interests.stream().filter(i -> i.webhook() && i.department().equals(department))
                .map(Interest::subscriptionId).toList();
    }

    /** @param subject the event's subject: the petition number, or the warning's or project's id */
    private int deliver(CloudEvent event, String subject, List<String> subscriptionIds, View view,
            FeedRepository.Appended entry, Instant now) {
        int planned = 0;
        String traceParent = subscriptionIds.isEmpty() ? null : tracing.currentTraceParent();
        for (String subscription : subscriptionIds) {
            // Leased at once (SENDING, handed to the dispatcher after the commit) when this instance has room and
            // the endpoint has fewer than its limit in flight: then the delivery is written only once more, with
            // its outcome. Otherwise PENDING, for the dispatcher's lease.
            boolean direct = dispatcher.promise(subscription);
            Optional<Optional<WebhookDispatcher.Due>> row = jdbc.sql("""
                    with s as (
                        select id, url, secret,
                            case when previous_secret_until > :now then previous_secret end as previous_secret,
                            :direct and (select count(*) from delivery d
                                where d.subscription_id = subscription.id and d.status = 'SENDING') < :perEndpoint
                                as leased
                        from subscription where id = cast(:subscription as uuid) and active
                    ), inserted as (
                        insert into delivery (id, subscription_id, event_id, event_type, subject, payload, status,
                            attempts, next_attempt_at, created_at, view, feed_seq, trace_parent, lease_until)
                        select :id, s.id, :eventId, :eventType, :subject, :payload,
                            case when s.leased then 'SENDING' else 'PENDING' end, 0, :now, :now, :view, :seq,
                            :traceParent, case when s.leased then cast(:lease as timestamptz) end
                        from s
                        on conflict do nothing
                        returning id, status
                    )
                    select inserted.id, inserted.status, s.url, s.secret, s.previous_secret
                    from inserted cross join s""")
                    .param("now", Timestamp.from(now)).param("direct", direct)
                    .param("perEndpoint", dispatcher.perEndpoint()).param("subscription", subscription)
                    .param("id", "msg_" + UUID.randomUUID().toString().replace("-", ""))
                    .param("eventId", event.id()).param("eventType", event.type()).param("subject", subject)
                    .param("payload", entry.payload()).param("view", view.name()).param("seq", entry.sequence())
                    .param("traceParent", traceParent).param("lease", Timestamp.from(dispatcher.leaseUntil(now)))
                    .query((rs, i) -> "SENDING".equals(rs.getString("status"))
                            ? Optional.of(new WebhookDispatcher.Due(rs.getString("id"), subscription,
                                    rs.getString("url"), rs.getString("secret"), rs.getString("previous_secret"),
                                    entry.payload(), 0, now, traceParent))
                            : Optional.<WebhookDispatcher.Due>empty())
                    .optional();
            Optional<WebhookDispatcher.Due> leased = row.flatMap(r -> r);
            if (direct && leased.isEmpty()) {
                dispatcher.release();   // already planned (the same event and subscription), or left PENDING
            }
            if (row.isPresent()) {
                planned++;
                leased.ifPresent(this::handOverAfterCommit);
            }
        }
        return planned;
    }

    /** The leased delivery goes to the dispatcher once the plan is committed; its promised slot is freed otherwise. */
    private void handOverAfterCommit(WebhookDispatcher.Due due) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    dispatcher.handOver(due);
                } else {
                    dispatcher.release();
                }
            }
        });
    }
}
