package org.petitionbridge.risk.petitions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.risk.warnings.WarningDetector;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What risk keeps of each petition (number, division and its township, category, group size, repeat link and the
 * first petition of its matter, the departments its complaint bars, times, the ledger's latest status; never names,
 * pseudonyms, subject or content), and the link of a received petition to every project it may be about: received
 * after the project was registered, in one of its divisions (the village, or its township), in one of its
 * categories. Each stored (or newly categorised) petition is then looked at for warnings ({@link WarningDetector}).
 */
@Repository
public class PetitionFacts {

    private final JdbcClient jdbc;
    private final CountyReference county;
    private final VisibilityPolicy visibility;
    private final Clock clock;
    private final WarningDetector warnings;

    PetitionFacts(JdbcClient jdbc, CountyReference county, VisibilityPolicy visibility,
            Clock clock, WarningDetector warnings) {
        this.warnings = warnings;
        this.jdbc = jdbc;
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
        // Idempotent by the petition's number (the binding claims no event id): a second delivery inserts nothing.
        // Petitions link in parallel; a project being registered waits for them, and they for it (LINKS).
        AdvisoryLocks.lockShared(jdbc, LINKS, "projects");
        String township = county.townshipOf(p.divisionCode()).map(CountyReference.Township::code).orElse(null);
        int inserted = jdbc.sql("""
                insert into petition_fact (petition_no, division_code, township_code, category, group_size, is_group,
                    repeat_of, repeat_root, complained_department, barred, received_at)
                values (:no, :division, :township,
                    -- the ledger may have named the category before this event arrived
                    coalesce(:category, (select s.category from petition_status s where s.petition_no = :no)),
                    :groupSize, :group, :repeatOf,
                    -- the first petition of the matter: the one the repeated petition repeats, else that one
                    coalesce((select r.repeat_root from petition_fact r where r.petition_no = :repeatOf), :repeatOf),
                    :complained, :barred, :receivedAt)
                on conflict (petition_no) do nothing""")
                .param("no", p.petitionNo()).param("division", p.divisionCode()).param("township", township)
                .param("category", p.category()).param("groupSize", p.groupSize()).param("group", p.group())
                .param("repeatOf", p.repeatOf())
                .param("complained", p.complainedAgainst() == null ? null : p.complainedAgainst().department())
                .param("barred", SqlArrays.of(visibility.barredBy(p.complainedAgainst())))
                .param("receivedAt", Timestamp.from(p.receivedAt())).update();
        if (inserted == 1) {
            // petitions that repeat this one and arrived first took it for the first of the matter: follow it back
            jdbc.sql("""
                    update petition_fact set repeat_root = r.repeat_root
                    from petition_fact r where r.petition_no = :no and r.repeat_root is not null
                      and petition_fact.repeat_root = :no""").param("no", p.petitionNo()).update();
            link(p.petitionNo());
            warnings.evaluate(p.petitionNo(), true);   // stored just now
        }
    }

    /** The ledger's latest status replaces the one known, unless it is older (lower sequence). */
    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        if (s.petitionNo() == null || s.status() == null) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id()
                    + " lacks a petition or a status");
        }
        // Idempotent by the sequence (the binding claims no event id): a second delivery changes nothing.
        Instant occurredAt = s.occurredAt() == null ? received.event().time() : s.occurredAt();
        jdbc.sql("""
                insert into petition_status (petition_no, status, sequence, occurred_at, category)
                values (:no, :status, :sequence, :occurredAt, :category)
                on conflict (petition_no) do update set status = excluded.status, sequence = excluded.sequence,
                    occurred_at = excluded.occurred_at,
                    category = coalesce(excluded.category, petition_status.category)
                where""" + CaseStatuses.supersedesSql("petition_status"))
                .param("no", s.petitionNo()).param("status", s.status()).param("sequence", s.sequence())
                .param("category", s.category())
                .param("occurredAt", Timestamp.from(occurredAt)).update();
        // A petition registered without a category gets the ledger's (routing suggested it): link it now.
        if (s.category() != null) {
            AdvisoryLocks.lockShared(jdbc, LINKS, "projects");
            int categorised = jdbc.sql("update petition_fact set category = ? where petition_no = ? and category is null")
                    .params(s.category(), s.petitionNo()).update();
            if (categorised == 1) {
                link(s.petitionNo());
                warnings.evaluate(s.petitionNo());
            }
        }
    }

    /**
     * Links the petition to every project it may be about: registered before the petition was received, with the
     * petition's village or its township among its divisions and its category among its categories.
     */
    private void link(String petitionNo) {
        jdbc.sql("""
                insert into project_petition (project_id, petition_no, linked_at)
                select p.id, f.petition_no, :now from petition_fact f join project p on\s""" + MATCHES + """
                 where f.petition_no = :no
                on conflict do nothing""")
                .param("no", petitionNo).param("now", Timestamp.from(clock.instant())).update();
    }

    /**
     * Links a project just registered to the petitions already known that it may be about (received after it was
     * registered, but stored before it committed). Call in the transaction that registers the project.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void linkProject(UUID project) {
        AdvisoryLocks.lock(jdbc, LINKS, "projects");
        List<String> linked = jdbc.sql("""
                insert into project_petition (project_id, petition_no, linked_at)
                select p.id, f.petition_no, :now from petition_fact f join project p on\s""" + MATCHES + """
                 where p.id = :project
                on conflict do nothing
                returning petition_no""")
                .param("project", project).param("now", Timestamp.from(clock.instant())).query(String.class).list();
        linked.forEach(warnings::evaluate);
    }

    /** The lock scope that orders linking: petitions take it shared, a project's registration exclusive. */
    private static final String LINKS = "risk-links";

    /** When petition f is about project p (the one rule of linking, for both directions). */
    private static final String MATCHES = "p.created_at <= f.received_at and f.category = any (p.categories)"
            + " and (f.division_code = any (p.divisions) or f.township_code = any (p.divisions))";
}
