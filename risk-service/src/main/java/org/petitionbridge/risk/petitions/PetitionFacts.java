package org.petitionbridge.risk.petitions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.inbox.ProcessedEvents;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What risk keeps of each petition (number, division and its township, category, group size, repeat link, the
 * departments its complaint bars, times, the ledger's latest status; never names, pseudonyms, subject or content),
 * and the link of a received petition to every project it may be about: received after the project was registered,
 * in one of its divisions (the village, or its township), in one of its categories.
 */
@Repository
public class PetitionFacts {

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final CountyReference county;
    private final VisibilityPolicy visibility;
    private final Clock clock;

    PetitionFacts(JdbcClient jdbc, ProcessedEvents processed, CountyReference county, VisibilityPolicy visibility,
            Clock clock) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.county = county;
        this.visibility = visibility;
        this.clock = clock;
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        if (p.petitionNo() == null || p.divisionCode() == null || p.receivedAt() == null) {
            throw new InvalidEventException("petition.received.v1 " + received.event().id()
                    + " lacks a petition number, division or time");
        }
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        String township = county.townshipOf(p.divisionCode()).map(CountyReference.Township::code).orElse(null);
        int inserted = jdbc.sql("""
                insert into petition_fact (petition_no, division_code, township_code, category, group_size, is_group,
                    repeat_of, complained_department, barred, received_at)
                values (:no, :division, :township, :category, :groupSize, :group, :repeatOf, :complained, :barred,
                    :receivedAt)
                on conflict (petition_no) do nothing""")
                .param("no", p.petitionNo()).param("division", p.divisionCode()).param("township", township)
                .param("category", p.category()).param("groupSize", p.groupSize()).param("group", p.group())
                .param("repeatOf", p.repeatOf())
                .param("complained", p.complainedAgainst() == null ? null : p.complainedAgainst().department())
                .param("barred", SqlArrays.of(visibility.barredBy(p.complainedAgainst())))
                .param("receivedAt", Timestamp.from(p.receivedAt())).update();
        if (inserted == 0) {
            return;
        }
        jdbc.sql("""
                insert into project_petition (project_id, petition_no, linked_at)
                select id, :no, :now from project
                where created_at <= :receivedAt and cast(:category as text) = any (categories)
                  and (cast(:division as text) = any (divisions) or cast(:township as text) = any (divisions))
                on conflict do nothing""")
                .param("no", p.petitionNo()).param("now", Timestamp.from(clock.instant()))
                .param("receivedAt", Timestamp.from(p.receivedAt())).param("category", p.category())
                .param("division", p.divisionCode()).param("township", township).update();
    }

    /** The ledger's latest status replaces the one known, unless it is older (lower sequence). */
    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        if (s.petitionNo() == null || s.status() == null) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id()
                    + " lacks a petition or a status");
        }
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        Instant occurredAt = s.occurredAt() == null ? received.event().time() : s.occurredAt();
        jdbc.sql("""
                insert into petition_status (petition_no, status, sequence, occurred_at)
                values (:no, :status, :sequence, :occurredAt)
                on conflict (petition_no) do update set status = excluded.status, sequence = excluded.sequence,
                    occurred_at = excluded.occurred_at
                where""" + CaseStatuses.supersedesSql("petition_status"))
                .param("no", s.petitionNo()).param("status", s.status()).param("sequence", s.sequence())
                .param("occurredAt", Timestamp.from(occurredAt)).update();
    }
}
