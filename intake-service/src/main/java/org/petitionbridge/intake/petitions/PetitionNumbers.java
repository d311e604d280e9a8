package org.petitionbridge.intake.petitions;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Petition numbers {@code XF<county>-<yyyyMMdd>-<daily sequence>}, e.g. {@code XF990101-20261126-000123}.
 * The daily sequence is a PostgreSQL sequence of the day ({@code petition_number_20261126}), created by the first
 * registration of the day. {@code nextval} never gives a number twice, under any concurrency and across intake
 * instances, and locks nothing until commit, so registrations never wait for each other's number (the row per day
 * it replaces was locked by each increment: about 4 ms of waiting per registration at 32 clients, and a commit and a
 * row each; docs/benchmark.md). After a crash a registered number is not given again either: the sequence's WAL
 * record precedes the registration's commit record, whose flush covers it. A number whose registration fails is not
 * reused (a gap), as before. A day whose numbers the row per day had begun (an upgrade during the day) continues after
 * its last one. The day's sequences stay (one small relation a day); nothing reads them after their day.
 */
@Component
class PetitionNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final String countyCode;
    private final TransactionTemplate tx;
    /** The last day whose sequence this instance made sure of (registrations are nearly all of today). */
    private volatile LocalDate ready;

    PetitionNumbers(JdbcClient jdbc, CountyReference county, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.countyCode = county.county().code();
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number of the day (call it before the registration's transaction: it takes no lock). */
    String next(LocalDate day) {
        if (!day.equals(ready)) {
            create(day);
            ready = day;
        }
        long sequence = jdbc.sql("select nextval(cast(? as regclass))").param(sequenceOf(day))
                .query(Long.class).single();
        return "XF%s-%s-%06d".formatted(countyCode, DAY.format(day), sequence);
    }

    /**
     * The day's sequence, unless it exists: under a lock that orders the instances creating it, so that the second
     * finds it, starting after the day's last number of the row per day, if that had begun the day.
     */
    private void create(LocalDate day) {
        tx.executeWithoutResult(s -> {
            AdvisoryLocks.lock(jdbc, "intake-petition-numbers", "create");
            boolean exists = jdbc.sql("select to_regclass(?) is not null").param(sequenceOf(day))
                    .query(Boolean.class).single();
            if (!exists) {
                long last = jdbc.sql("select coalesce(max(last_value), 0) from petition_sequence where day = ?")
                        .param(day).query(Long.class).single();
                // the name is made of the date's digits only, and DDL takes no parameters
                jdbc.sql("create sequence " + sequenceOf(day) + " start with " + (last + 1)).update();
            }
        });
    }

    private static String sequenceOf(LocalDate day) {
        return "petition_number_" + DAY.format(day);
    }
}
