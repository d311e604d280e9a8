package org.petitionbridge.intake.petitions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * Checks a petition field by field and reports every bad field at once. The messages name the field and the
 * rule, never the submitted value, so no personal data reaches an error answer or a log.
 */
@Component
public class PetitionValidator {

    static final int MAX_REPRESENTATIVES = 5;
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}");

    private final CountyReference county;
    private final Clock clock;

    public PetitionValidator(CountyReference county, Clock clock) {
        this.county = county;
        this.clock = clock;
    }

    /** Every bad field of the petition; empty when it may be registered. */
    public List<FieldProblem> problems(PetitionRequest p) {
        List<FieldProblem> problems = new ArrayList<>();
        Channel channel = null;
        if (p.channel() == null) {
            problems.add(new FieldProblem("channel", "is required; one of " + Arrays.toString(Channel.values())));
        } else {
            try {
                channel = Channel.valueOf(p.channel());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("channel", "must be one of " + Arrays.toString(Channel.values())));
            }
        }
        if (p.receivedAt() != null && p.receivedAt().toInstant().isAfter(clock.instant().plusSeconds(60))) {
            problems.add(new FieldProblem("receivedAt", "must not be in the future"));
        }
        if (p.divisionCode() == null || p.divisionCode().isBlank()) {
            problems.add(new FieldProblem("divisionCode", "is required: a village (12 digits) or township (9 digits) code of the county"));
        } else if (!county.isDivision(p.divisionCode())) {
            problems.add(new FieldProblem("divisionCode", "is not a village or township of county "
                    + county.county().code() + " (" + county.county().name() + ")"));
        }
        CountyReference.Category category = null;
        if (p.category() != null) {
            category = county.category(p.category()).orElse(null);
            if (category == null) {
                problems.add(new FieldProblem("category", "is not a known category code; leave it out to let routing suggest one"));
            }
        }
        text(problems, "subject", p.subject(), 200);
        text(problems, "content", p.content(), 10_000);

        boolean accusation = category != null && "ACCUSATION".equals(category.petitionClass());
        List<PetitionRequest.Petitioner> petitioners = p.petitioners() == null ? List.of() : p.petitioners();
        if (petitioners.isEmpty() && !accusation) {
            problems.add(new FieldProblem("petitioners", "at least one petitioner with a name is required "
                    + "(only an accusation, category ACCUSATION, may be anonymous)"));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        for (int i = 0; i < petitioners.size(); i++) {
            PetitionRequest.Petitioner person = petitioners.get(i);
            String at = "petitioners[" + i + "]";
            if (person == null) {
                problems.add(new FieldProblem(at, "must be an object with at least a name"));
                continue;
            }
            if (person.name() == null || person.name().isBlank()) {
                problems.add(new FieldProblem(at + ".name", "is required"));
            } else if (person.name().length() > 50) {
                problems.add(new FieldProblem(at + ".name", "must be at most 50 characters"));
            }
            if (person.idNumber() != null) {
                String problem = ResidentIdNumber.problem(person.idNumber().trim(), today);
                if (problem != null) {
                    problems.add(new FieldProblem(at + ".idNumber", problem));
                }
            }
            if (person.phone() != null) {
                String digits = person.phone().replaceAll("[\\s]", "");
                if (!MOBILE.matcher(digits).matches() && !LANDLINE.matcher(digits).matches()) {
                    problems.add(new FieldProblem(at + ".phone",
                            "must be a mainland mobile number (11 digits starting 13-19) or a landline with area code (e.g. 010-12345678)"));
                }
            }
            if (person.address() != null && person.address().length() > 200) {
                problems.add(new FieldProblem(at + ".address", "must be at most 200 characters"));
            }
        }
        if (p.groupSize() != null && p.groupSize() < Math.max(1, petitioners.size())) {
            problems.add(new FieldProblem("groupSize", "must be at least 1 and at least the number of petitioners listed ("
                    + petitioners.size() + ")"));
        }
        if (channel == Channel.VISIT && petitioners.size() > MAX_REPRESENTATIVES) {
            problems.add(new FieldProblem("petitioners", "a visit by more than 5 people must name at most 5 representatives "
                    + "(信访工作条例); " + petitioners.size() + " were listed"));
        }
        if (p.complainedAgainst() != null) {
            PetitionRequest.ComplainedAgainst against = p.complainedAgainst();
            String department = against.department();
            if (department == null && against.township() == null && against.village() == null) {
                problems.add(new FieldProblem("complainedAgainst", "must name the unit complained about: department (a "
                        + "county department's code), township (9 digits) or village (12 digits, for a village cadre)"));
            }
            if (department != null && county.department(department).isEmpty()) {
                problems.add(new FieldProblem("complainedAgainst.department", "must be a department code of the county"));
            }
            if (against.township() != null && !county.townships().containsKey(against.township())) {
                problems.add(new FieldProblem("complainedAgainst.township", "must be a township code of the county (9 digits)"));
            }
            if (against.village() != null && !county.villages().containsKey(against.village())) {
                problems.add(new FieldProblem("complainedAgainst.village", "must be a village code of the county (12 digits)"));
            }
            if (p.complainedAgainst().person() != null && p.complainedAgainst().person().length() > 100) {
                problems.add(new FieldProblem("complainedAgainst.person", "must be at most 100 characters"));
            }
        }
        return problems;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required (1 to " + max + " characters)"));
        } else if (value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }
}
