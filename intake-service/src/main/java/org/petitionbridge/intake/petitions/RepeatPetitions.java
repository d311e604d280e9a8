package org.petitionbridge.intake.petitions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.petitionbridge.intake.cases.CaseTracking;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Repeat petitions (重复信访): a petition is a repeat when one of its petitioners (by pseudonym) brought an
 * earlier petition of the same category about the same division, received within the window (default 365
 * days) before it. It then points to the earliest such petition still open, or to the last one when all are
 * closed. A petition without a category is not checked (its category is only suggested later, by routing); an
 * earlier petition without a category counts with the category the ledger's case has (routing's suggestion, applied).
 */
@Component
class RepeatPetitions {

    private final JdbcClient jdbc;
    private final Duration window;

    RepeatPetitions(JdbcClient jdbc, @Value("${petition-bridge.intake.repeat-window:365d}") Duration window) {
        this.jdbc = jdbc;
        this.window = window;
    }

    private record Earlier(String petitionNo, String status) {

        boolean open() {
            return status == null || !CaseTracking.CLOSED_STATUSES.contains(status);
        }
    }

    /**
     * Takes, until the transaction ends, the locks of these petitioners (in a fixed order, so two registrations
     * never wait for each other in a circle): a registration of the same person waits until this one committed.
     */
    void lockPersons(List<String> pseudonyms) {
        AdvisoryLocks.lockAll(jdbc, "person", pseudonyms);
    }

    /**
     * The petition this one repeats, or null. Call inside the registration transaction, before inserting it. The
     * petitioners' earlier petitions are found by their pseudonyms first (a person brings a few petitions, a
     * division thousands a year), then kept if of the division, the category and the window.
     */
    String repeatOf(List<String> pseudonyms, String category, String divisionCode, Instant receivedAt) {
        if (pseudonyms.isEmpty() || category == null) {
            return null;
        }
        List<Earlier> earlier = jdbc.sql("""
                with theirs as materialized (
                    select distinct petition_no from petitioner where pseudonym in (:pseudonyms))
                select p.petition_no, s.status
                from theirs t
                join petition p on p.petition_no = t.petition_no
                left join case_status s on s.petition_no = p.petition_no
                where p.division_code = :division
                  and coalesce(p.category, s.category) = :category
                  and p.received_at <= :receivedAt and p.received_at >= :since
                order by p.received_at, p.registered_at, p.petition_no""")
                .param("division", divisionCode).param("category", category)
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("since", Timestamp.from(receivedAt.minus(window)))
                .param("pseudonyms", pseudonyms)
                .query((rs, i) -> new Earlier(rs.getString("petition_no"), rs.getString("status")))
                .list();
        if (earlier.isEmpty()) {
            return null;
        }
        return earlier.stream().filter(Earlier::open).findFirst()
                .orElse(earlier.get(earlier.size() - 1)).petitionNo();
    }
}
