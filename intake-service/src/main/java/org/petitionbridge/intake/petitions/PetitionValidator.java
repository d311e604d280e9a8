package org.petitionbridge.intake.petitions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * The rules of a petition that its declared shape ({@link PetitionRequest}'s Bean Validation constraints) cannot
 * say: codes of the county's reference data, the clock, rules across fields, and the ID and phone numbers (a check
 * character and a birth date before today; a number read without its spaces), each more than one pattern. Reports
 * every bad field at once; the controller answers these and the shape's problems in one list. The messages name
 * the field and the rule, never the submitted value, so no personal data reaches an error answer or a log.
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

    /**
     * Every field of the petition that breaks a rule; empty when it may be registered, provided its shape is valid
     * too. Fields whose shape is wrong (missing, a channel not in the list, a petitioner that is not an object) are
     * left to the shape's problems.
     */
    public List<FieldProblem> problems(PetitionRequest p) {
        List<FieldProblem> problems = new ArrayList<>();
        if (p.receivedAt() != null && p.receivedAt().toInstant().isAfter(clock.instant().plusSeconds(60))) {
            problems.add(new FieldProblem("receivedAt", "must not be in the future"));
        }
        if (p.divisionCode() != null && !p.divisionCode().isBlank() && !county.isDivision(p.divisionCode())) {
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
                continue;
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
        }
        if (p.groupSize() != null && p.groupSize() < Math.max(1, petitioners.size())) {
            problems.add(new FieldProblem("groupSize", "must be at least 1 and at least the number of petitioners listed ("
                    + petitioners.size() + ")"));
        }
        if (Channel.VISIT.name().equals(p.channel()) && petitioners.size() > MAX_REPRESENTATIVES) {
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
        }
        return problems;
    }
}
