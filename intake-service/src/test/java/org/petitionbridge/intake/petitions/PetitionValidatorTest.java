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

/** The rules of a petition alone, without Spring, in milliseconds: each field, its path and its message. */
class PetitionValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final String CHANNELS = "[LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL]";

    private final PetitionValidator validator = new PetitionValidator(CountyReference.demo(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** A petition to change field by field; as made, the validator accepts it. */
    static final class Draft {
        String channel = "LETTER";
        OffsetDateTime receivedAt;
        List<PetitionRequest.Petitioner> petitioners = new ArrayList<>(List.of(person("王建国", "19850412", "003")));
        Integer groupSize;
        String divisionCode = "990101002001";
        String category = "WAGE_ARREARS";
        String subject = "讨要工钱";
        String content = "工地干活三个月，一直拖欠工钱。";
        PetitionRequest.ComplainedAgainst complainedAgainst;

        PetitionRequest request() {
            return new PetitionRequest(channel, receivedAt, petitioners, groupSize, divisionCode, category, subject,
                    content, complainedAgainst);
        }
    }

    /** A made-up petitioner with a valid ID number of the demo county and a mobile number. */
    static PetitionRequest.Petitioner person(String name, String birth, String sequence) {
        return new PetitionRequest.Petitioner(name, ResidentIdNumberTest.fake(birth, sequence), "13900139001", "东河村3组");
    }

    static PetitionRequest.Petitioner withPhone(String phone) {
        return new PetitionRequest.Petitioner("王建国", null, phone, null);
    }

    private List<FieldProblem> problems(Consumer<Draft> change) {
        Draft draft = new Draft();
        change.accept(draft);
        return validator.problems(draft.request());
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(field, message);
    }

    @Test
    void theDraftIsValid() {
        assertThat(problems(d -> { })).isEmpty();
    }

    @Test
    void theChannelIsRequiredAndOneOfTheChannels() {
        assertThat(problems(d -> d.channel = null)).containsExactly(problem("channel", "is required; one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "FAX")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "visit")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(Arrays.toString(Channel.values())).isEqualTo(CHANNELS);
        for (Channel channel : Channel.values()) {
            assertThat(problems(d -> d.channel = channel.name())).as(channel.name()).isEmpty();
        }
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
    void theDivisionIsRequiredAndAVillageOrTownshipOfTheCounty() {
        FieldProblem required = problem("divisionCode",
                "is required: a village (12 digits) or township (9 digits) code of the county");
        assertThat(problems(d -> d.divisionCode = null)).containsExactly(required);
        assertThat(problems(d -> d.divisionCode = " ")).containsExactly(required);
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
    void theSubjectIsRequiredAndAtMost200Characters() {
        FieldProblem required = problem("subject", "is required (1 to 200 characters)");
        assertThat(problems(d -> d.subject = null)).containsExactly(required);
        assertThat(problems(d -> d.subject = "")).containsExactly(required);
        assertThat(problems(d -> d.subject = " \t\u3000")).as("ideographic space is blank too").containsExactly(required);
        assertThat(problems(d -> d.subject = "欠".repeat(201)))
                .containsExactly(problem("subject", "must be at most 200 characters"));
        assertThat(problems(d -> d.subject = "欠".repeat(200))).isEmpty();
        // characters, not UTF-16 units: 200 characters outside the basic plane are 400 units
        assertThat(problems(d -> d.subject = "\uD840\uDC00".repeat(200))).isEmpty();
        assertThat(problems(d -> d.subject = "\uD840\uDC00".repeat(201))).extracting(FieldProblem::field)
                .containsExactly("subject");
    }

    @Test
    void theContentIsRequiredAndAtMost10000Characters() {
        FieldProblem required = problem("content", "is required (1 to 10000 characters)");
        assertThat(problems(d -> d.content = null)).containsExactly(required);
        assertThat(problems(d -> d.content = "\n ")).containsExactly(required);
        assertThat(problems(d -> d.content = "欠".repeat(10_001)))
                .containsExactly(problem("content", "must be at most 10000 characters"));
        assertThat(problems(d -> d.content = "欠".repeat(10_000))).isEmpty();
        assertThat(problems(d -> d.content = "\uD840\uDC00".repeat(10_000))).isEmpty();
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
    void everyPetitionerIsAnObjectWithANameOfAtMost50Characters() {
        assertThat(problems(d -> d.petitioners.add(null)))
                .containsExactly(problem("petitioners[1]", "must be an object with at least a name"));
        assertThat(problems(d -> d.petitioners.add(new PetitionRequest.Petitioner(null, null, null, null))))
                .containsExactly(problem("petitioners[1].name", "is required"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner(" ", null, null, null))))
                .containsExactly(problem("petitioners[0].name", "is required"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("欧".repeat(51), null, null, null))))
                .containsExactly(problem("petitioners[0].name", "must be at most 50 characters"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("欧".repeat(50), null, null, null))))
                .isEmpty();
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
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("赵海燕", null, null, null)))).isEmpty();
    }

    @Test
    void theBirthDateOfAnIdNumberIsJudgedOnTheCalendarOfTheBureau() {
        // 2026-11-26T20:00Z is already 2026-11-27 in Asia/Shanghai: someone born that day may petition
        PetitionValidator lateEvening = new PetitionValidator(CountyReference.demo(),
                Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));
        Draft draft = new Draft();
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
    void anAddressIsAtMost200Characters() {
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", null, null, "路".repeat(201)))))
                .containsExactly(problem("petitioners[0].address", "must be at most 200 characters"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", null, null, "路".repeat(200)))))
                .isEmpty();
    }

    @Test
    void theGroupSizeIsAtLeastOneAndAtLeastThePetitionersListed() {
        assertThat(problems(d -> d.groupSize = 0)).containsExactly(problem("groupSize",
                "must be at least 1 and at least the number of petitioners listed (1)"));
        assertThat(problems(d -> {
            d.petitioners = List.of(person("王建国", "19850412", "003"), person("赵海燕", "19750608", "002"),
                    person("周德明", "19680101", "003"));
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
            six.add(person("王建国", "19850412", "00" + i));
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
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(101))))
                .containsExactly(problem("complainedAgainst.person", "must be at most 100 characters"));

        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(100))))
                .isEmpty();
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, "村主任", null,
                "990101003002"))).as("a village cadre").isEmpty();
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst(null, null, "990101005", null)))
                .isEmpty();
    }

    @Test
    void everyBadFieldIsListedAtOnceWithoutRepeatingWhatWasSent() {
        String id = ResidentIdNumberTest.fake("19850412", "003");
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        List<FieldProblem> problems = problems(d -> {
            d.channel = "FAX";
            d.receivedAt = OffsetDateTime.parse("2999-01-01T00:00:00+08:00");
            d.divisionCode = "990101009009";
            d.category = "NO_SUCH";
            d.subject = "";
            d.content = null;
            d.petitioners = Arrays.asList(new PetitionRequest.Petitioner("李".repeat(51), wrongCheck, "98765", "路".repeat(201)),
                    null, new PetitionRequest.Petitioner("", null, null, null));
            d.groupSize = 2;
            d.complainedAgainst = new PetitionRequest.ComplainedAgainst("NOPE", "副".repeat(101), "990101999", null);
        });
        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("channel", "receivedAt",
                "divisionCode", "category", "subject", "content", "petitioners[0].name", "petitioners[0].idNumber",
                "petitioners[0].phone", "petitioners[0].address", "petitioners[1]", "petitioners[2].name", "groupSize",
                "complainedAgainst.department", "complainedAgainst.township", "complainedAgainst.person");
        assertThat(problems).extracting(FieldProblem::message).noneMatch(m -> m.contains(wrongCheck)
                || m.contains("98765") || m.contains("李李") || m.contains("FAX") || m.contains("NO_SUCH")
                || m.contains("990101009009") || m.contains("NOPE") || m.contains("990101999"));
    }
}
