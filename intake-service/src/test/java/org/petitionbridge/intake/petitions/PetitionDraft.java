package org.petitionbridge.intake.petitions;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A petition for unit tests, to change field by field; as made, its shape and its rules are valid. */
final class PetitionDraft {

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

    /** A made-up petitioner with a valid ID number of the demo county and a mobile number. */
    static PetitionRequest.Petitioner person(String name, String birth, String sequence) {
        return new PetitionRequest.Petitioner(name, ResidentIdNumberTest.fake(birth, sequence), "13900139001", "东河村3组");
    }

    /** A petitioner with a name and nothing else. */
    static PetitionRequest.Petitioner named(String name) {
        return new PetitionRequest.Petitioner(name, null, null, null);
    }
}
