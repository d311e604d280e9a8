package org.petitionbridge.events;

import java.time.Instant;
import java.util.List;

/**
 * A registered petition, as intake-service publishes it on {@link Topics#RECEIVED}. It carries no plaintext
 * personal data: each petitioner appears only as a keyed-hash pseudonym and a masked name.
 *
 * @param petitionNo        the petition number, e.g. {@code XF990101-20261126-000123}; also the Kafka key
 * @param channel           LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345 or EMAIL
 * @param receivedAt        when the petition reached the bureau (statutory clocks start here)
 * @param registeredAt      when intake registered it
 * @param divisionCode      the village (12 digits) or township (9 digits) the petition concerns
 * @param category          the category code given by the submitter, or {@code null} (routing suggests one)
 * @param petitionClass     SUGGESTION, ACCUSATION or CLAIM when the category is known, else {@code null}
 * @param subject           the subject line as submitted
 * @param content           the content as submitted
 * @param groupSize         how many people the petition is brought by
 * @param group             a group petition (集体访): five people or more
 * @param petitioners       pseudonym and masked name per named petitioner (empty for an anonymous accusation)
 * @param repeatOf          the earlier petition this repeats, or {@code null}
 * @param complainedAgainst the unit (and person) the petition complains about, or {@code null}
 * @param trackingCodeHash  SHA-256 (hex) of the petitioner's tracking code, so that the ledger can answer the
 *                          progress query; never forwarded to departments or analysts
 */
public record PetitionReceived(
        String petitionNo,
        String channel,
        Instant receivedAt,
        Instant registeredAt,
        String divisionCode,
        String category,
        String petitionClass,
        String subject,
        String content,
        int groupSize,
        boolean group,
        List<Petitioner> petitioners,
        String repeatOf,
        ComplainedAgainst complainedAgainst,
        String trackingCodeHash) implements PetitionEvent {

    public static final String TYPE = "petition.received.v1";
    public static final String TOPIC = Topics.RECEIVED;

    public PetitionReceived {
        petitioners = petitioners == null ? List.of() : List.copyOf(petitioners);
    }

    /** A petitioner as events see them: never a name, ID number, phone or address. */
    public record Petitioner(String pseudonym, String maskedName) {
    }

    /**
     * The unit complained about, and optionally the official, e.g. for 检举控告. At least one unit is named: a county
     * department, a township (its government), or a village (its cadres, 村干部, who belong to no county department).
     * Which departments this bars from the petition is the shared visibility policy's to say
     * ({@code VisibilityPolicy.barredBy} in petition-security).
     *
     * @param department the county department complained about, or {@code null}
     * @param person     the official complained about (a role or name as the petitioner gave it), or {@code null}
     * @param township   the township (9 digits) whose government the official belongs to, or {@code null}
     * @param village    the village (12 digits) whose cadre is complained about, or {@code null}
     */
    public record ComplainedAgainst(String department, String person, String township, String village) {

        /** A department (and optionally an official of it). */
        public ComplainedAgainst(String department, String person) {
            this(department, person, null, null);
        }
    }
}
