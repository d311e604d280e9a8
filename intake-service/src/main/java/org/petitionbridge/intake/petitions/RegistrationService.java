package org.petitionbridge.intake.petitions;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.TrackingCodes;
import org.petitionbridge.intake.petitioners.IdentityProtection;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.service.problems.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a petition: the petition, its petitioners (encrypted), its idempotency key and its
 * {@code petition.received.v1} event are committed in one transaction, so a 201 means the event will reach
 * the broker (the outbox relay publishes it, also after a broker outage).
 */
@Service
public class RegistrationService {

    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");
    private static final int GROUP_THRESHOLD = 5;
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PetitionNumbers numbers;
    private final IdentityProtection identity;
    private final OutboxWriter outbox;
    private final CountyReference county;
    private final RepeatPetitions repeats;
    private final Clock clock;

    private final TransactionTemplate tx;

    private final VisibilityPolicy visibility;

    private final MeterRegistry meters;

    RegistrationService(JdbcClient jdbc, PetitionNumbers numbers, IdentityProtection identity, OutboxWriter outbox,
            CountyReference county, RepeatPetitions repeats, Clock clock, PlatformTransactionManager transactions,
            VisibilityPolicy visibility, MeterRegistry meters) {
        this.meters = meters;
        // Every channel and category from the start, so that a dashboard's rate() begins at zero.
        for (Channel channel : Channel.values()) {
            received(channel.name(), null);
            county.categories().keySet().forEach(category -> received(channel.name(), category));
        }
        this.tx = new TransactionTemplate(transactions);
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.identity = identity;
        this.outbox = outbox;
        this.county = county;
        this.repeats = repeats;
        this.clock = clock;
    }

    /** Petitions registered, by channel and category (UNSPECIFIED: routing suggests one). */
    private Counter received(String channel, String category) {
        return Counter.builder("petitions.received").description("petitions registered, by channel and category")
                .tag("channel", channel).tag("category", category == null ? "UNSPECIFIED" : category)
                .register(meters);
    }

    /** The outcome of a registration: the petition, and whether an earlier request already registered it. */
    public record Outcome(Registration registration, boolean replayed) {
    }

    /** The first use of an idempotency key: the keyed hash of its request and the petition it registered. */
    private record KeyUse(String requestHash, String petitionNo) {
    }

    /**
     * Registers a petition whose shape ({@link PetitionRequest}'s constraints) and rules ({@link PetitionValidator})
     * were accepted. With an idempotency key, a request that
     * repeats the one the key first came with returns that petition again (without its tracking code, which is
     * kept only as a hash); a different request under the same key is refused with 422. Keys belong to the client
     * that sent them: the same key from another client is another key.
     *
     * <p>
     * The petition number is taken first, in its own short transaction ({@link PetitionNumbers}), so that
     * registrations do not wait for each other: a number is never given twice, but one whose registration then
     * fails (or turns out to be a replay) is not used, so a day's numbers may have gaps.
     *
     * @param clientId the OAuth2 client of the caller's verified token, which scopes the idempotency key
     */
    public Outcome register(PetitionRequest request, String clientId, String idempotencyKey) {
        if (idempotencyKey != null && (clientId == null || clientId.isEmpty())) {
            throw new IllegalArgumentException("An idempotency key needs the client it belongs to");
        }
        // The keyed hash of the request, which a repeat of it under the same key must match.
        String fingerprint = idempotencyKey == null ? null : identity.fingerprint(EventCodec.toJson(request));
        if (idempotencyKey != null) {
            // A replay (the usual case of a key seen before) answers without taking a number.
            Optional<Outcome> replayed = tx.execute(s -> earlierUse(clientId, idempotencyKey, fingerprint));
            if (replayed.isPresent()) {
                return replayed.get();
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String petitionNo = numbers.next(LocalDate.ofInstant(now, BUREAU_ZONE));
        Outcome outcome = tx.execute(s -> register(request, clientId, idempotencyKey, fingerprint, now, petitionNo));
        if (!outcome.replayed()) {
            received(request.channel(), request.category()).increment();
            // The first line of the petition's trace: its number, channel and client, never its people.
            log.info("Petition {} registered ({}, client {})", outcome.registration().petitionNo(), request.channel(),
                    clientId);
        }
        return outcome;
    }

    /**
     * The petition registered by this client's earlier request with the key, answered again; empty when the key
     * is new. A different request under the key is refused (422).
     */
    private Optional<Outcome> earlierUse(String clientId, String idempotencyKey, String fingerprint) {
        return jdbc.sql("select request_hash, petition_no from idempotency_key where client_id = ? and idempotency_key = ?")
                .params(clientId, idempotencyKey)
                .query((rs, i) -> new KeyUse(rs.getString("request_hash"), rs.getString("petition_no"))).optional()
                .map(earlier -> {
                    if (!earlier.requestHash().equals(fingerprint)) {
                        throw new UnprocessableException("idempotency-key-reused", "This client already used the "
                                + "Idempotency-Key with a different request; use a new key for a new petition");
                    }
                    return new Outcome(replay(earlier.petitionNo()), true);
                });
    }

    private Outcome register(PetitionRequest request, String clientId, String idempotencyKey, String fingerprint,
            Instant now, String petitionNo) {
        if (idempotencyKey != null) {
            // Requests of one client with the same key wait for each other, so only one of them registers: the
            // others find its use of the key here.
            AdvisoryLocks.lock(jdbc, "idempotency-key", clientId.length() + ":" + clientId + ":" + idempotencyKey);
            Optional<Outcome> replayed = earlierUse(clientId, idempotencyKey, fingerprint);
            if (replayed.isPresent()) {
                return replayed.get();
            }
        }
        Registration registration = registerNew(request, now, petitionNo);
        if (idempotencyKey != null) {
            jdbc.sql("""
                    insert into idempotency_key (client_id, idempotency_key, request_hash, petition_no, created_at)
                    values (?, ?, ?, ?, ?)""")
                    .params(clientId, idempotencyKey, fingerprint, registration.petitionNo(),
                            Timestamp.from(clock.instant()))
                    .update();
        }
        return new Outcome(registration, false);
    }

    private Registration replay(String petitionNo) {
        return jdbc.sql("select petition_no, received_at, repeat_of, is_group from petition where petition_no = ?")
                .param(petitionNo)
                .query((rs, i) -> new Registration(rs.getString("petition_no"), null, "REGISTERED",
                        rs.getTimestamp("received_at").toInstant(), rs.getString("repeat_of"), rs.getBoolean("is_group")))
                .single();
    }

    /** @param now when it is registered, truncated to microseconds (what PostgreSQL keeps) */
    private Registration registerNew(PetitionRequest request, Instant now, String petitionNo) {
        Instant receivedAt = request.receivedAt() == null ? now
                : request.receivedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        String trackingCode = newTrackingCode();
        List<PetitionRequest.Petitioner> people = request.petitioners() == null ? List.of() : request.petitioners();
        int groupSize = request.groupSize() == null ? Math.max(1, people.size()) : request.groupSize();
        boolean group = groupSize >= GROUP_THRESHOLD;
        String petitionClass = county.category(request.category()).map(CountyReference.Category::petitionClass)
                .orElse(null);
        PetitionRequest.ComplainedAgainst against = request.complainedAgainst();
        PetitionReceived.ComplainedAgainst complaint = against == null ? null : new PetitionReceived.ComplainedAgainst(
                against.department(), against.person(), against.township(), against.village());
        List<String> pseudonyms = people.stream()
                .map(person -> identity.pseudonym(person.name(), person.idNumber(), person.phone())).toList();
        // Registrations of the same person wait for each other from here to commit, so that repeat detection sees
        // every earlier petition of that person (other registrations run in parallel).
        repeats.lockPersons(pseudonyms);
        String repeatOf = repeats.repeatOf(pseudonyms.stream().distinct().toList(), request.category(),
                request.divisionCode(), receivedAt);

        jdbc.sql("""
                insert into petition (petition_no, channel, received_at, registered_at, division_code, category,
                    petition_class, subject, content, group_size, is_group, repeat_of, complained_department,
                    complained_person, complained_township, complained_village, barred, tracking_code_hash)
                values (:no, :channel, :receivedAt, :registeredAt, :division, :category, :class, :subject, :content,
                    :groupSize, :group, :repeatOf, :againstDepartment, :againstPerson, :againstTownship,
                    :againstVillage, :barred, :trackingHash)""")
                .param("no", petitionNo).param("channel", request.channel())
                .param("receivedAt", Timestamp.from(receivedAt)).param("registeredAt", Timestamp.from(now))
                .param("division", request.divisionCode()).param("category", request.category())
                .param("class", petitionClass).param("subject", request.subject()).param("content", request.content())
                .param("groupSize", groupSize).param("group", group).param("repeatOf", repeatOf)
                .param("againstDepartment", against == null ? null : against.department())
                .param("againstPerson", against == null ? null : against.person())
                .param("againstTownship", against == null ? null : against.township())
                .param("againstVillage", against == null ? null : against.village())
                .param("barred", SqlArrays.of(visibility.barredBy(complaint)))
                .param("trackingHash", TrackingCodes.hash(trackingCode))
                .update();

        List<PetitionReceived.Petitioner> published = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            PetitionRequest.Petitioner person = people.get(i);
            String pseudonym = pseudonyms.get(i);
            String masked = IdentityProtection.maskName(person.name());
            jdbc.sql("""
                    insert into petitioner (petition_no, position, pseudonym, masked_name, name_enc, id_number_enc,
                        phone_enc, address_enc)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(petitionNo, i, pseudonym, masked, identity.encrypt(person.name()),
                            identity.encrypt(person.idNumber() == null ? null : person.idNumber().trim().toUpperCase()),
                            identity.encrypt(person.phone()), identity.encrypt(person.address()))
                    .update();
            published.add(new PetitionReceived.Petitioner(pseudonym, masked));
        }

        outbox.append(new PetitionReceived(petitionNo, request.channel(), receivedAt, now, request.divisionCode(),
                request.category(), petitionClass, request.subject(), request.content(), groupSize, group, published,
                repeatOf, complaint, TrackingCodes.hash(trackingCode)), now);
        return new Registration(petitionNo, trackingCode, "REGISTERED", receivedAt, repeatOf, group);
    }

    /** The registration record without personal data. */
    @Transactional(readOnly = true)
    public Optional<PetitionRecord> find(String petitionNo) {
        List<String> masked = jdbc.sql("select masked_name from petitioner where petition_no = ? order by position")
                .param(petitionNo).query(String.class).list();
        return jdbc.sql("""
                select petition_no, channel, received_at, registered_at, division_code, category, petition_class,
                    subject, content, group_size, is_group, repeat_of, complained_department, complained_township,
                    complained_village
                from petition where petition_no = ?""")
                .param(petitionNo)
                .query((rs, i) -> new PetitionRecord(rs.getString("petition_no"), rs.getString("channel"),
                        rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("registered_at").toInstant(),
                        rs.getString("division_code"), rs.getString("category"), rs.getString("petition_class"),
                        rs.getString("subject"), rs.getString("content"), rs.getInt("group_size"),
                        rs.getBoolean("is_group"), masked, rs.getString("repeat_of"),
                        rs.getString("complained_department"), rs.getString("complained_township"),
                        rs.getString("complained_village")))
                .optional();
    }

    private static String newTrackingCode() {
        char[] code = new char[12];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }
}
