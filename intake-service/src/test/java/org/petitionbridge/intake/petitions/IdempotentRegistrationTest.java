package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import tools.jackson.databind.JsonNode;

/**
 * The same Idempotency-Key with the same body registers one petition; with another body it is a 422. A key belongs
 * to the client that sends it: another client's key of the same value is another key.
 */
class IdempotentRegistrationTest extends IntakeIntegrationTest {

    private int outboxEverWritten() {
        return jdbc.sql("select coalesce((select last_value from outbox_event_id_seq where is_called), 0)")
                .query(Integer.class).single();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheSamePetitionWithoutItsTrackingCode() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Petitions.petition("ONLINE", "SOCIAL_INSURANCE", "990101005001", Petitions.person());

        HttpResponse<String> first = postPetition(body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode registered = json(first.body());
        int petitions = rows("petition");
        int events = outboxEverWritten();

        // The same JSON laid out differently is the same request.
        HttpResponse<String> retry = postPetition(body.replace("\n", " ").replace(", ", ","), key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(retry.headers().firstValue("Location")).hasValue(first.headers().firstValue("Location").orElseThrow());
        JsonNode replayed = json(retry.body());
        assertThat(replayed.get("petitionNo").asString()).isEqualTo(registered.get("petitionNo").asString());
        assertThat(replayed.get("receivedAt").asString()).isEqualTo(registered.get("receivedAt").asString());
        assertThat(replayed.get("status").asString()).isEqualTo("REGISTERED");
        assertThat(replayed.get("trackingCode").isNull()).isTrue();

        assertThat(rows("petition")).isEqualTo(petitions);
        assertThat(outboxEverWritten()).isEqualTo(events);
        // Only a keyed hash of the request is kept with the key, never the request.
        String stored = jdbc.sql("select request_hash from idempotency_key where idempotency_key = ?").param(key)
                .query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain("SOCIAL_INSURANCE");
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndRegistersNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        Petitions.Person person = Petitions.person();
        assertThat(postPetition(Petitions.petition("LETTER", "EDUCATION", "990101005002", person), key).statusCode())
                .isEqualTo(201);
        int petitions = rows("petition");
        int events = outboxEverWritten();

        HttpResponse<String> other = postPetition(Petitions.petition("LETTER", "HEALTH", "990101005002", person), key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(other.body());
        assertThat(problem.get("rule").asString()).isEqualTo("idempotency-key-reused");
        assertThat(other.body()).doesNotContain(person.name(), person.idNumber(), person.phone());
        assertThat(rows("petition")).isEqualTo(petitions);
        assertThat(outboxEverWritten()).isEqualTo(events);
    }

    @Test
    void differentKeysRegisterDifferentPetitionsEvenForTheSameBody() throws Exception {
        String body = Petitions.petition("HOTLINE_12345", "TRANSPORT", "990101006001", Petitions.person());
        String first = json(postPetition(body, UUID.randomUUID().toString()).body()).get("petitionNo").asString();
        String second = json(postPetition(body, UUID.randomUUID().toString()).body()).get("petitionNo").asString();
        assertThat(second).isNotEqualTo(first);
    }

    /** POST /api/v1/petitions with an Idempotency-Key, as the client of the given token. */
    private HttpResponse<String> postPetitionAs(String token, String body, String idempotencyKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/api/v1/petitions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKeyBelongsToItsClientSoAnotherClientWithTheSameKeyRegistersItsOwnPetition() throws Exception {
        String key = UUID.randomUUID().toString();
        Petitions.Person person = Petitions.person();
        String body = Petitions.petition("ONLINE", "SOCIAL_INSURANCE", "990101005003", person);
        String otherBody = Petitions.petition("ONLINE", "HEALTH", "990101005003", person);
        String clientA = submitter();
        String clientB = newChannel();
        String clientC = newChannel();

        // A and B send the same key with the same body, C the same key with another body: three petitions.
        HttpResponse<String> a = postPetitionAs(clientA, body, key);
        HttpResponse<String> b = postPetitionAs(clientB, body, key);
        HttpResponse<String> c = postPetitionAs(clientC, otherBody, key);
        List<String> petitions = new ArrayList<>();
        for (HttpResponse<String> registered : List.of(a, b, c)) {
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            assertThat(registered.headers().firstValue("Idempotency-Replayed")).isEmpty();
            assertThat(json(registered.body()).get("trackingCode").isNull()).isFalse();
            petitions.add(json(registered.body()).get("petitionNo").asString());
        }
        assertThat(petitions).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select petition_no from idempotency_key where idempotency_key = ? order by petition_no")
                .param(key).query(String.class).list()).containsExactlyInAnyOrderElementsOf(petitions);
        int registeredSoFar = rows("petition");

        // Each client's retry answers its own petition; another body under its own key is still a 422.
        List<String> clients = List.of(clientA, clientB, clientC);
        List<String> bodies = List.of(body, body, otherBody);
        for (int i = 0; i < clients.size(); i++) {
            HttpResponse<String> retry = postPetitionAs(clients.get(i), bodies.get(i), key);
            assertThat(retry.statusCode()).as("client " + i).isEqualTo(200);
            assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
            assertThat(json(retry.body()).get("petitionNo").asString()).as("client " + i).isEqualTo(petitions.get(i));
            assertThat(json(retry.body()).get("trackingCode").isNull()).isTrue();
        }
        HttpResponse<String> reused = postPetitionAs(clientA, otherBody, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json(reused.body()).get("rule").asString()).isEqualTo("idempotency-key-reused");
        assertThat(reused.body()).doesNotContain(petitions.get(1), petitions.get(2));
        assertThat(rows("petition")).isEqualTo(registeredSoFar);
    }
}
