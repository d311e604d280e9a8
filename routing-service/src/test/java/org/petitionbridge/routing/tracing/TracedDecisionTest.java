package org.petitionbridge.routing.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A consumed event's trace goes on: routing's decision about a petition whose petition.received.v1 record named a
 * trace ({@code traceparent} header) carries the same trace id in its own header, written through the outbox; and
 * with {@code LOG_FORMAT=ecs} (what compose sets) every log line is a JSON object (Spring Boot's structured logging,
 * Elastic Common Schema) that names the service and the trace.
 */
@TestPropertySource(properties = "LOG_FORMAT=ecs")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TracedDecisionTest extends RoutingIntegrationTest {

    @Test
    void theDecisionContinuesTheTraceOfTheReceivedPetitionAndTheJsonLogLinesNameIt(CapturedOutput output) {
        String traceId = HexFormat.of().formatHex(random(16));
        String petitionNo = newPetitionNo();
        PetitionReceived petition = petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "欠薪", "欠薪", null);
        CloudEvent event = CloudEvent.create("/petition-bridge/intake-service", PetitionReceived.TYPE, petitionNo,
                Instant.now());
        Map<String, String> headers = new HashMap<>(event.toHeaders());
        headers.put("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01");
        TopicWriter.send(brokers, Topics.RECEIVED, petitionNo, headers,
                new String(EventCodec.toJson(petition), StandardCharsets.UTF_8));

        awaitRouted(petitionNo, "RULE");
        List<TopicReader.Read> routed = outputsAbout(petitionNo);
        assertThat(routed).isNotEmpty().allSatisfy(r -> assertThat(r.headers().get("traceparent"))
                .as("the traceparent of %s", r.topic()).matches("00-" + traceId + "-[0-9a-f]{16}-01"));

        String handled = await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines()
                .filter(l -> l.contains("Handled petition.received.v1") && l.contains(petitionNo)).findFirst()
                .orElse(null), l -> l != null);
        JsonNode line = EventCodec.mapper().readTree(handled);
        assertThat(line.get("traceId").asString()).isEqualTo(traceId);
        assertThat(line.get("service").get("name").asString()).isEqualTo("routing-service");
        assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("log").get("logger").asString()).isEqualTo("org.petitionbridge.events");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
