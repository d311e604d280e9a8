package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The day's sequence: created by its first number, never a number twice, and after an upgrade during the day. */
class PetitionNumbersTest extends IntakeIntegrationTest {

    @Autowired
    PetitionNumbers numbers;

    @Test
    void aDayIsNumberedFromOneAndConcurrentCallersNeverShareANumber() throws Exception {
        LocalDate day = LocalDate.of(2031, 3, 14);
        List<CompletableFuture<List<String>>> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            callers.add(CompletableFuture.supplyAsync(() -> {
                List<String> taken = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    taken.add(numbers.next(day));
                }
                return taken;
            }));
        }
        List<String> all = new ArrayList<>();
        for (CompletableFuture<List<String>> caller : callers) {
            all.addAll(caller.get(30, TimeUnit.SECONDS));
        }
        List<String> oneToHundred = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            oneToHundred.add("XF990101-20310314-%06d".formatted(i));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(oneToHundred);
    }

    @Test
    void aDayTheRowPerDayHadBegunContinuesAfterItsLastNumber() {
        // as after an upgrade during the day from the release that counted in petition_sequence
        LocalDate day = LocalDate.of(2031, 3, 15);
        jdbc.sql("insert into petition_sequence (day, last_value) values (?, 41)").param(day).update();

        assertThat(numbers.next(day)).isEqualTo("XF990101-20310315-000042");
        assertThat(numbers.next(day)).isEqualTo("XF990101-20310315-000043");
        assertThat(numbers.next(LocalDate.of(2031, 3, 16))).isEqualTo("XF990101-20310316-000001");
    }
}
