package org.petitionbridge.intake.petitions;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.petitionbridge.county.CountyReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Petition numbers {@code XF<county>-<yyyyMMdd>-<daily sequence>}, e.g. {@code XF990101-20261126-000123}.
 * The daily sequence is one row per day incremented by an upsert, so concurrent registrations (and several
 * intake instances) never get the same number.
 */
@Component
class PetitionNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final String countyCode;

    PetitionNumbers(JdbcClient jdbc, CountyReference county) {
        this.jdbc = jdbc;
        this.countyCode = county.county().code();
    }

    /** The next number of the day; call inside the registration transaction. */
    String next(LocalDate day) {
        int sequence = jdbc.sql("insert into petition_sequence (day, last_value) values (?, 1)"
                        + " on conflict (day) do update set last_value = petition_sequence.last_value + 1"
                        + " returning last_value")
                .param(day).query(Integer.class).single();
        return "XF%s-%s-%06d".formatted(countyCode, DAY.format(day), sequence);
    }
}
