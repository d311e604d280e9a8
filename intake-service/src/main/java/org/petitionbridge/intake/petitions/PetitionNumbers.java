package org.petitionbridge.intake.petitions;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.petitionbridge.service.county.CountyReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Petition numbers {@code XF<county>-<yyyyMMdd>-<daily sequence>}, e.g. {@code XF990101-20261126-000123}.
 * The daily sequence is one row per day incremented by an upsert, so concurrent registrations (and several
 * intake instances) never get the same number. The increment is its own short transaction, taken before the
 * registration's: the row is locked only for that instant, not for the whole registration. It commits without
 * waiting for its WAL flush ({@code synchronous_commit = off}): the registration that uses the number commits
 * later and waits for its own flush, which covers the increment's earlier WAL record, so a registered number is
 * never given again, even after a crash. A number whose registration fails is not reused (a gap).
 */
@Component
class PetitionNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final String countyCode;

    private final TransactionTemplate tx;

    PetitionNumbers(JdbcClient jdbc, CountyReference county, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.countyCode = county.county().code();
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number of the day, in its own transaction (call it before the registration's transaction). */
    String next(LocalDate day) {
        Integer sequence = tx.execute(s -> {
            jdbc.sql("set local synchronous_commit = off").update();
            return jdbc.sql("insert into petition_sequence (day, last_value) values (?, 1)"
                            + " on conflict (day) do update set last_value = petition_sequence.last_value + 1"
                            + " returning last_value")
                    .param(day).query(Integer.class).single();
        });
        return "XF%s-%s-%06d".formatted(countyCode, DAY.format(day), sequence);
    }
}
