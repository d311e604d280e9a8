package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.FieldProblem;

/**
 * The rules of a petition alone, without Spring, in milliseconds: each field, its path and its message. The shape
 * (required fields, lengths, the channels) is {@link PetitionRequestConstraintsTest}'s.
 */
class PetitionValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    private final PetitionValidator validator = new PetitionValidator(CountyReference.demo(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private List<FieldProblem> problems(Consumer<PetitionDraft> change) {
        PetitionDraft draft = new PetitionDraft();
        change.accept(draft);
        return validator.problems(draft.request());
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(field, message);
    }

    private static PetitionRequest.Petitioner withPhone(String phone) {
        return new PetitionRequest.Petitioner("王建国", null, phone, null);
    }

    @Test
    void theDraftIsValid() {
        assertThat(problems(d -> { })).isEmpty();
    }

    @Test
    void aBadShapeIsLeftToTheConstraints() {
        // each of these is a problem of the shape (PetitionRequestConstraintsTest), reported once, from there
        assertThat(problems(d -> d.channel = null)).isEmpty();
        assertThat(problems(d -> d.channel = "FAX")).isEmpty();
        assertThat(problems(d -> d.divisionCode = null)).isEmpty();
        assertThat(problems(d -> d.divisionCode = " ")).isEmpty();
        assertThat(problems(d -> d.subject = null)).isEmpty();
        assertThat(problems(d -> d.content = "欠".repeat(10_001))).isEmpty();
        assertThat(problems(d -> d.petitioners.add(null))).isEmpty();
        assertThat(problems(d -> d.petitioners.set(0, PetitionDraft.named(null)))).isEmpty();
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", null, null,
                "路".repeat(201))))).isEmpty();
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(101))))
                .isEmpty();
    }

    @Test
    void theReceiptIsNotInTheFutureBeyondSixtySecondsOfClockSkew() {
        assertThat(problems(d -> d.receivedAt = OffsetDateTime.ofInstant(NOW.plusSeconds(61), ZoneOffset.ofHours(8))))
                .containsExactly(problem("receivedAt", "must not be in the future"));
        assertThat(problems(d -> d.receivedAt = OffsetDateTime.parse("2999-01-01T00:00:00+08:00")))
                .containsExactly(problem("receivedAt", "must not be in the future"));
        assertThat(problems(d -> d.receivedAt = OffsetDateTime.ofInstant(NOW.plusSeconds(60), ZoneOffset.UTC))).isEmpty();
        assertThat(problems(d -> d.receivedAt = OffsetDateTime.parse("2026-11-20T09:30:00+08:00"))).isEmpty();
    }

    @Test
    void theDivisionIsAVillageOrTownshipOfTheCounty() {
        FieldProblem unknown = problem("divisionCode", "is not a village or township of county 990101 (某县)");
        assertThat(problems(d -> d.divisionCode = "110105001001")).containsExactly(unknown);
        assertThat(problems(d -> d.divisionCode = "990101009009")).containsExactly(unknown);
        assertThat(problems(d -> d.divisionCode = "990101")).as("the county itself").containsExactly(unknown);
        assertThat(problems(d -> d.divisionCode = "990101004")).as("a township").isEmpty();
        assertThat(problems(d -> d.divisionCode = "990101006002")).as("a village").isEmpty();
    }

    @Test
    void aCategoryIsOptionalButMustBeACategoryOfTheCounty() {
        assertThat(problems(d -> d.category = "NO_SUCH")).containsExactly(problem("category",
                "is not a known category code; leave it out to let routing suggest one"));
        assertThat(problems(d -> d.category = "wage_arrears")).extracting(FieldProblem::field).containsExactly("category");
        assertThat(problems(d -> d.category = null)).isEmpty();
    }

    @Test
    void aPetitionNeedsAPetitionerUnlessItIsAnAccusation() {
        FieldProblem none = problem("petitioners", "at least one petitioner with a name is required "
                + "(only an accusation, category ACCUSATION, may be anonymous)");
        assertThat(problems(d -> d.petitioners = List.of())).containsExactly(none);
        assertThat(problems(d -> d.petitioners = null)).containsExactly(none);
        assertThat(problems(d -> {
            d.petitioners = List.of();
            d.category = null;
        })).as("without a category it is not known to be an accusation").containsExactly(none);
        assertThat(problems(d -> {
            d.petitioners = List.of();
            d.category = "ACCUSATION";
            d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T005", "某副乡长");
        })).isEmpty();
    }

    @Test
    void anIdNumberIsOptionalAndCheckedWhenGiven() {
        String id = ResidentIdNumberTest.fake("19850412", "003");
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        assertThat(problems(d -> d.petitioners.add(new PetitionRequest.Petitioner("赵海燕", wrongCheck, null, null))))
                .containsExactly(problem("petitioners[1].idNumber", "has a wrong check character (ISO 7064 MOD 11-2)"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("赵海燕", id.substring(1), null, null))))
                .containsExactly(problem("petitioners[0].idNumber", "must be 18 characters"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("赵海燕",
                ResidentIdNumberTest.fake("20261127", "003"), null, null))))
                .containsExactly(problem("petitioners[0].idNumber", "does not contain a valid birth date"));
        // surrounding spaces are ignored, and x is X
        String x = ResidentIdNumberTest.fake("19491231", "001");
        assertThat(x).endsWith("X");
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("赵海燕", " " + x.toLowerCase() + " ",
                null, null)))).isEmpty();
        assertThat(problems(d -> d.petitioners.set(0, PetitionDraft.named("赵海燕")))).isEmpty();
        // the petitioners after one that is no object are checked too
        assertThat(problems(d -> d.petitioners = Arrays.asList(null, new PetitionRequest.Petitioner("赵海燕", wrongCheck,
                null, null)))).containsExactly(problem("petitioners[1].idNumber",
                "has a wrong check character (ISO 7064 MOD 11-2)"));
    }

    @Test
    void theBirthDateOfAnIdNumberIsJudgedOnTheCalendarOfTheBureau() {
        // 2026-11-26T20:00Z is already 2026-11-27 in Asia/Shanghai: someone born that day may petition
        PetitionValidator lateEvening = new PetitionValidator(CountyReference.demo(),
                Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));
        PetitionDraft draft = new PetitionDraft();
        draft.petitioners = List.of(new PetitionRequest.Petitioner("赵海燕", ResidentIdNumberTest.fake("20261127", "003"),
                null, null));
        assertThat(lateEvening.problems(draft.request())).isEmpty();
    }

    @Test
    void aPhoneIsAMainlandMobileOrALandlineWithAreaCode() {
        for (String phone : new String[] {"13800138000", "19912345678", "138 0013 8000", "010-62345678", "01062345678",
                "0571-88886666", "057188886666", "0571 8888 6666", "0898-6234567"}) {
            assertThat(problems(d -> d.petitioners.set(0, withPhone(phone)))).as(phone).isEmpty();
        }
        FieldProblem bad = problem("petitioners[0].phone", "must be a mainland mobile number (11 digits starting 13-19) "
                + "or a landline with area code (e.g. 010-12345678)");
        // (010-12345678, the message's own example, is refused too: a local number never starts with 0 or 1)
        for (String phone : new String[] {"12345", "12800138000", "1380013800", "138001380000", "+8613800138000",
                "62345678", "010-12345678", "0571-0888666", "phone", ""}) {
            assertThat(problems(d -> d.petitioners.set(0, withPhone(phone)))).as(phone).containsExactly(bad);
        }
    }

    @Test
    void theGroupSizeIsAtLeastOneAndAtLeastThePetitionersListed() {
        assertThat(problems(d -> d.groupSize = 0)).containsExactly(problem("groupSize",
                "must be at least 1 and at least the number of petitioners listed (1)"));
        assertThat(problems(d -> {
            d.petitioners = List.of(PetitionDraft.person("王建国", "19850412", "003"),
                    PetitionDraft.person("赵海燕", "19750608", "002"), PetitionDraft.person("周德明", "19680101", "003"));
            d.groupSize = 2;
        })).containsExactly(problem("groupSize", "must be at least 1 and at least the number of petitioners listed (3)"));
        assertThat(problems(d -> {
            d.petitioners = List.of();
            d.category = "ACCUSATION";
            d.groupSize = 0;
        })).containsExactly(problem("groupSize", "must be at least 1 and at least the number of petitioners listed (0)"));
        assertThat(problems(d -> d.groupSize = 1)).isEmpty();
        assertThat(problems(d -> d.groupSize = 30)).isEmpty();
    }

    @Test
    void aVisitNamesAtMostFiveRepresentatives() {
        List<PetitionRequest.Petitioner> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(PetitionDraft.person("王建国", "19850412", "00" + i));
        }
        assertThat(problems(d -> {
            d.channel = "VISIT";
            d.petitioners = six;
            d.groupSize = 30;
        })).containsExactly(problem("petitioners", "a visit by more than 5 people must name at most 5 representatives "
                + "(信访工作条例); 6 were listed"));
        assertThat(problems(d -> {
            d.channel = "VISIT";
            d.petitioners = six.subList(0, 5);
            d.groupSize = 30;
        })).isEmpty();
        assertThat(problems(d -> {
            d.channel = "LETTER";
            d.petitioners = six;
        })).as("a letter may be signed by many").isEmpty();
        assertThat(problems(d -> {
            d.channel = "visit";
            d.petitioners = six;
        })).as("not a channel (the shape's problem), so not a visit").isEmpty();
    }

    @Test
    void aComplaintNamesAUnitOfTheCounty() {
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, "村主任")))
                .containsExactly(problem("complainedAgainst", "must name the unit complained about: department (a "
                        + "county department's code), township (9 digits) or village (12 digits, for a village cadre)"));
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, null, null)))
                .extracting(FieldProblem::field).containsExactly("complainedAgainst");
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("NOPE", null)))
                .containsExactly(problem("complainedAgainst.department", "must be a department code of the county"));
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, "99010100", null)))
                .containsExactly(problem("complainedAgainst.township", "must be a township code of the county (9 digits)"));
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, null,
                "990101009009"))).containsExactly(problem("complainedAgainst.village",
                "must be a village code of the county (12 digits)"));
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, "990101002001",
                "990101002"))).as("a village is not a township, nor a township a village")
                .extracting(FieldProblem::field).containsExactly("complainedAgainst.township", "complainedAgainst.village");

        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副乡长"))).isEmpty();
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, "村主任", null,
                "990101003002"))).as("a village cadre").isEmpty();
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, "990101005", null)))
                .isEmpty();
    }

    @Test
    void everyFieldBreakingARuleIsListedAtOnceWithoutRepeatingWhatWasSent() {
        String id = ResidentIdNumberTest.fake("19850412", "003");
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        List<FieldProblem> problems = problems(d -> {
            d.channel = "VISIT";
            d.receivedAt = OffsetDateTime.parse("2999-01-01T00:00:00+08:00");
            d.divisionCode = "990101009009";
            d.category = "NO_SUCH";
            d.petitioners = new ArrayList<>();
            d.petitioners.add(new PetitionRequest.Petitioner("李四", wrongCheck, "98765", null));
            for (int i = 0; i < 5; i++) {
                d.petitioners.add(PetitionDraft.named("王五"));
            }
            d.groupSize = 2;
            d.complainedAgainst = new PetitionRequest.ComplainedAgainst("NOPE", null, "990101999", "990101009009");
        });
        assertThat(problems).extracting(FieldProblem::field).containsExactly("receivedAt", "divisionCode", "category",
                "petitioners[0].idNumber", "petitioners[0].phone", "groupSize", "petitioners",
                "complainedAgainst.department", "complainedAgainst.township", "complainedAgainst.village");
        assertThat(problems).extracting(FieldProblem::message).noneMatch(m -> m.contains(wrongCheck)
                || m.contains("98765") || m.contains("李四") || m.contains("NO_SUCH") || m.contains("990101009009")
                || m.contains("NOPE") || m.contains("990101999"));
    }
}
