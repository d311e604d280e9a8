package org.petitionbridge.intake.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.security.visibility.PetitionParties;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What intake knows about each petition after registration, learned from the ledger's {@code petition.status.v1}:
 * who handles it (lead and co-handlers, which decide who may read the petitioners' identity) and its status (repeat
 * detection asks whether a petition is still open). The ledger decides who handles a petition; intake follows it,
 * never a routing decision, so a decision the ledger does not apply changes nobody's access, and a department the
 * ledger takes off a case loses access with that event. Of two events the one with the higher sequence wins, whatever
 * order they arrive in, and an event delivered twice changes nothing the second time, so no event id is recorded.
 */
@Service
public class CaseTracking {

    /** Statuses after which a petition is no longer open (销号, 终结, 不予受理, 转入其他程序). */
    public static final Set<String> CLOSED_STATUSES = CaseStatuses.ENDED;

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseTracking(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The ledger's latest case replaces the one known, unless it is older (lower sequence). */
    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        if (s.petitionNo() == null || s.petitionNo().isBlank() || s.status() == null || s.status().isBlank()) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id() + " lacks a petition or a status");
        }
        // Idempotent by the sequence (the binding claims no event id): a second delivery changes nothing.
        Instant occurredAt = s.occurredAt() == null ? received.event().time() : s.occurredAt();
        jdbc.sql("""
                insert into case_status (petition_no, status, lead, co_handlers, category, sequence, occurred_at,
                    updated_at)
                values (:no, :status, :lead, :coHandlers, :category, :sequence, :occurredAt, :now)
                on conflict (petition_no) do update set status = excluded.status, lead = excluded.lead,
                    co_handlers = excluded.co_handlers, sequence = excluded.sequence,
                    category = coalesce(excluded.category, case_status.category),
                    occurred_at = excluded.occurred_at, updated_at = excluded.updated_at
                where """ + CaseStatuses.supersedesSql("case_status"))
                .param("no", s.petitionNo()).param("status", s.status()).param("lead", s.lead())
                .param("coHandlers", SqlArrays.of(s.coHandlers())).param("category", s.category())
                .param("sequence", s.sequence())
                .param("occurredAt", Timestamp.from(occurredAt)).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Who handles the petition now, as the ledger last said, and whom its complaint bars; empty when the petition
     * is not registered. Before the ledger's first event nobody handles it.
     */
    @Transactional(readOnly = true)
    public Optional<PetitionParties> parties(String petitionNo) {
        return jdbc.sql("""
                        select p.barred, s.lead, s.co_handlers from petition p
                        left join case_status s on s.petition_no = p.petition_no where p.petition_no = ?""")
                .param(petitionNo)
                .query((rs, i) -> PetitionParties.of(rs.getString("lead"), SqlArrays.strings(rs, "co_handlers"),
                        SqlArrays.strings(rs, "barred")))
                .optional();
    }

}
