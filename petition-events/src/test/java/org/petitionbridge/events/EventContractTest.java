package org.petitionbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The event catalogue cannot drift from the records: every record matches its JSON Schema field by field
 * and type by type, a sample of every record validates against its schema, and the AsyncAPI document names
 * every topic and points every message at the right schema.
 */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<PlatformEvent> samples() {
        Instant now = Instant.parse("2026-11-26T01:30:00Z");
        return Stream.of(
                new PetitionReceived("XF990101-20261126-000123", "VISIT", now, now, "990101002001", "WAGE_ARREARS",
                        "CLAIM", "拖欠农民工工资", "包工头拖欠三个月工钱", 1, false,
                        List.of(new PetitionReceived.Petitioner("pZ2x-example", "张*")), null,
                        new PetitionReceived.ComplainedAgainst("ZJJ", null),
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new PetitionRouted("XF990101-20261126-000123", "d-1", "RULE", "RSJ", List.of("T002"), "COUNTY",
                        "WAGE_ARREARS", "CLAIM", null, List.of(), List.of("category:WAGE_ARREARS"), List.of(), 1,
                        "依据规则集 v1：类别\"拖欠工资\"由县人力资源和社会保障局主办（谁主管、谁负责）", now),
                new PetitionTriaged("XF990101-20261126-000124", "关键词同等命中多个类别，需信访局人工分办", null, null,
                        List.of("LAND_REQUISITION", "HOUSING_DEMOLITION"), List.of("征地", "拆迁"), "990101003001", 1, now),
                new CaseStatusChanged("XF990101-20261126-000123", "ASSIGNED", "REGISTERED", "ROUTED", null, "RSJ",
                        List.of("T002"), "WAGE_ARREARS", "CLAIM", "990101002001", null, now,
                        Map.of("acknowledge", LocalDate.parse("2026-12-11")), null, Map.of("responsiblePerson", "李科长")),
                new PetitionReceived("XF990101-20261126-000125", "LETTER", now, now, "990101003002", "ACCUSATION",
                        "ACCUSATION", "检举村主任", "村主任截留补偿款", 1, false, List.of(), null,
                        new PetitionReceived.ComplainedAgainst(null, "村主任", null, "990101003002"), null),
                new CaseStatusChanged("XF990101-20261126-000125", "TRIAGE", "OBJECTED", "TRIAGED", null, null,
                        List.of(), "ACCUSATION", "ACCUSATION", "990101003002", null, now, Map.of(), null, Map.of(),
                        List.of("T003"), 4L),
                new DeadlineReached("XF990101-20261126-000123", "OVERDUE", "ACKNOWLEDGE", LocalDate.parse("2026-12-11"),
                        2, "ASSIGNED", "RSJ", List.of("T002"), "WAGE_ARREARS", "CLAIM", "990101002001", null, now),
                new DeadlineReached("XF990101-20261126-000125", "DUE_SOON", "ASSIGN", LocalDate.parse("2026-12-11"),
                        -2, "TRIAGE", null, List.of(), "ACCUSATION", "ACCUSATION", "990101003002", null, now,
                        List.of("T003"), 4L),
                new CaseAnalytics("XF990101-20261126-000123", "WAGE_ARREARS", "CLAIM", "990101002", "VISIT", "RSJ",
                        "REPLIED", "REPLY", now, now, false, false, false, false, "SUPPORT", null, 60L, 120L, 4000L,
                        null),
                new ProjectChanged("7b0e3c1e-2f4a-4d39-9a57-0c1f6a9d2b11", "ASSESSED", "东河村棚户区改造", "ZJJ",
                        List.of("990101002001"), List.of("HOUSING_DEMOLITION"), 120, LocalDate.parse("2027-03-01"),
                        "ASSESSED", "LOW", null, now, 2),
                new WarningChanged("0f6c2d7a-9e1b-4c55-8d3e-5a4b3c2d1e0f", "RAISED", "PROJECT", "RED", "OPEN",
                        "990101002", "HOUSING_DEMOLITION", "7b0e3c1e-2f4a-4d39-9a57-0c1f6a9d2b11",
                        List.of("XF990101-20261126-000123", "XF990101-20261126-000126", "XF990101-20261126-000127"), 3,
                        List.of("ZJJ"), "稳评结论与信访态势不符：……", true, now, now, List.of(), 1),
                new ScreeningChanged("5d1e6f70-8a9b-4c0d-9e1f-2a3b4c5d6e7f", "REMINDER", "2026年12月矛盾纠纷排查", "ROUTINE",
                        now, List.of("T003", "ZJJ"), List.of("T003", "ZJJ"), null, now, 2),
                new DisputeChanged("6e2f7a81-9bac-4d1e-8f20-3b4c5d6e7f80", "YELLOW_CARD",
                        "5d1e6f70-8a9b-4c0d-9e1f-2a3b4c5d6e7f", "T002", "990101002001", "990101002", "NEIGHBOR_DISPUTE",
                        "两户村民因宅基地边界发生争执", 6, "MEDIUM", "IN_PROGRESS", "T002", "李科长", null, null,
                        LocalDate.parse("2026-12-10"), 3, null, now, 4));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleValidatesAgainstItsSchema(PlatformEvent sample) throws Exception {
        EventTypes.EventType type = EventTypes.of(sample.getClass());
        JsonNode instance = JSON.readTree(EventCodec.toJson(sample));
        Set<ValidationMessage> errors = schema(type.type()).validate(instance);
        assertThat(errors).as("validation errors of %s", type.type()).isEmpty();
        assertThat(EventCodec.fromJson(EventCodec.toJson(sample), type.recordClass())).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyRecordComponentIsInTheSchemaAndNothingElse(PlatformEvent sample) throws Exception {
        EventTypes.EventType type = EventTypes.of(sample.getClass());
        List<String> problems = new ArrayList<>();
        compare(type.recordClass(), schemaNode(type.type()), type.type(), problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventIsKeyedByItsPetitionNumberOrItsIdNeverByItsText(PlatformEvent sample) {
        String expected = sample instanceof PetitionEvent p ? p.petitionNo()
                : sample instanceof ProjectChanged p ? p.projectId()
                : sample instanceof ScreeningChanged r ? r.roundId()
                : sample instanceof DisputeChanged d ? d.disputeId() : ((WarningChanged) sample).warningId();
        assertThat(sample.eventKey()).isEqualTo(expected);
    }

    @Test
    void noRecordHasAComponentThatWouldReplaceTheEventKey() {
        for (EventTypes.EventType type : EventTypes.ALL) {
            assertThat(Arrays.stream(type.recordClass().getRecordComponents()).map(RecordComponent::getName))
                    .as(type.type()).doesNotContain("eventKey");
        }
    }

    @Test
    void aSchemaRejectsAnEventThatBreaksIt() throws Exception {
        JsonNode bad = JSON.readTree("{\"petitionNo\":\"XF990101-20261126-000001\",\"channel\":\"CARRIER_PIGEON\"}");
        assertThat(schema(PetitionReceived.TYPE).validate(bad)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAsyncApiDocumentNamesEveryTopicAndPointsEveryMessageAtItsSchema() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = new Yaml().load(in);
        }
        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) doc.get("channels");
        Set<String> addresses = new HashSet<>();
        channels.values().forEach(c -> addresses.add((String) c.get("address")));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);

        Map<String, Map<String, Object>> messages =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) doc.get("components")).get("messages");
        for (EventTypes.EventType type : EventTypes.ALL) {
            Map.Entry<String, Map<String, Object>> message = messages.entrySet().stream()
                    .filter(m -> type.type().equals(m.getValue().get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no AsyncAPI message named " + type.type()));
            assertThat(((Map<String, Object>) message.getValue().get("payload")).get("$ref"))
                    .isEqualTo("schemas/" + type.type() + ".json");
            Map<String, Object> channel = channels.values().stream()
                    .filter(c -> type.topic().equals(c.get("address"))).findFirst().orElseThrow();
            Map<String, Map<String, Object>> channelMessages = (Map<String, Map<String, Object>>) channel.get("messages");
            assertThat(channelMessages.values()).extracting(m -> m.get("$ref"))
                    .contains("#/components/messages/" + message.getKey());
            assertThat(getClass().getClassLoader().getResource("schemas/" + type.type() + ".json")).isNotNull();
        }
        assertThat(messages).hasSameSizeAs(EventTypes.ALL);
    }

    @Test
    void theAnalyticsRecordHasNoFieldThatCouldIdentifyAPersonOrCarryContent() {
        List<String> names = Arrays.stream(CaseAnalytics.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        assertThat(names).noneMatch(n -> n.matches("(?i).*(name|pseudonym|content|subject|note|phone|address|id(Number)?|person|division).*")
                && !n.equals("townshipCode"));
    }

    private static JsonSchema schema(String type) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode(type));
    }

    private static JsonNode schemaNode(String type) throws Exception {
        try (InputStream in = EventContractTest.class.getClassLoader()
                .getResourceAsStream("schemas/" + type + ".json")) {
            assertThat(in).as("schema of %s", type).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Compares a record with an object schema: the same property names, compatible types, nested records too. */
    private static void compare(Class<?> record, JsonNode schema, String path, List<String> problems) {
        Set<String> properties = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> components = new HashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.add(component.getName());
            JsonNode property = schema.get("properties").get(component.getName());
            if (property == null) {
                problems.add(path + "." + component.getName() + " is in the record but not in the schema");
                continue;
            }
            compareType(component.getGenericType(), property, path + "." + component.getName(), problems);
        }
        for (String property : properties) {
            if (!components.contains(property)) {
                problems.add(path + "." + property + " is in the schema but not in the record");
            }
        }
        for (Iterator<JsonNode> it = schema.path("required").elements(); it.hasNext(); ) {
            String required = it.next().asText();
            if (!components.contains(required)) {
                problems.add(path + " requires " + required + ", which the record does not have");
            }
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
            problems.add(path + " must forbid additional properties, so that a typo cannot pass");
        }
    }

    private static void compareType(Type type, JsonNode property, String path, List<String> problems) {
        Set<String> types = new HashSet<>();
        JsonNode t = property.get("type");
        if (t.isArray()) {
            t.forEach(n -> types.add(n.asText()));
        } else {
            types.add(t.asText());
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        String expected;
        if (raw == String.class) {
            expected = "string";
        } else if (raw == Instant.class) {
            expected = "string";
            if (!"date-time".equals(property.path("format").asText())) {
                problems.add(path + " is an Instant but the schema does not say format date-time");
            }
        } else if (raw == LocalDate.class) {
            expected = "string";
            if (!"date".equals(property.path("format").asText())) {
                problems.add(path + " is a LocalDate but the schema does not say format date");
            }
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            expected = "integer";
        } else if (raw == boolean.class || raw == Boolean.class) {
            expected = "boolean";
        } else if (Collection.class.isAssignableFrom(raw)) {
            expected = "array";
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            compareType(item, property.get("items"), path + "[]", problems);
        } else if (Map.class.isAssignableFrom(raw)) {
            expected = "object";
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            if (value == String.class && !"string".equals(property.path("additionalProperties").path("type").asText())) {
                problems.add(path + " holds strings but the schema does not say so");
            }
            if (value == LocalDate.class && !"date".equals(property.path("additionalProperties").path("format").asText())) {
                problems.add(path + " holds dates but the schema does not say format date");
            }
        } else if (raw.isRecord()) {
            expected = "object";
            compare(raw, property, path, problems);
        } else {
            problems.add(path + " has a type the contract test does not know: " + raw.getName());
            return;
        }
        if (!types.contains(expected)) {
            problems.add(path + " is " + expected + " in the record but " + types + " in the schema");
        }
        if (raw.isPrimitive() && types.contains("null")) {
            problems.add(path + " is a primitive but the schema allows null");
        }
    }

    @Test
    void theCloudEventsAttributesRoundTripThroughHeaders() {
        CloudEvent event = CloudEvent.create("/petition-bridge/intake-service", PetitionReceived.TYPE,
                "XF990101-20261126-000123", Instant.parse("2026-11-26T01:30:00Z"));
        Map<String, byte[]> asBytes = new java.util.HashMap<>();
        event.toHeaders().forEach((k, v) -> asBytes.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(CloudEvent.fromHeaders(asBytes)).isEqualTo(event);
        assertThat(event.toHeaders()).containsEntry("ce_specversion", "1.0").containsEntry("content-type",
                "application/json").containsKeys("ce_id", "ce_source", "ce_type", "ce_time", "ce_subject");
        assertThat(Arrays.asList(event.type().split("\\."))).last().isEqualTo("v1");
    }

    @Test
    void decodingRefusesAnEventOfAnotherTypeOrWithoutHeaders() {
        CloudEvent routed = CloudEvent.create("/x", PetitionRouted.TYPE, "XF990101-20261126-000123", Instant.now());
        byte[] body = "{}".getBytes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        EventCodec.decode(routed.toHeaders(), body, PetitionReceived.TYPE, PetitionReceived.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("expected an event of type");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        EventCodec.decode(Map.of(), body, PetitionReceived.TYPE, PetitionReceived.class))
                .isInstanceOf(InvalidEventException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        EventCodec.decode(routed.toHeaders(), "not json".getBytes(), PetitionRouted.TYPE,
                                PetitionRouted.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void headersTheCloudEventsBindingCannotReadAreRefusedNamingTheProblem() {
        CloudEvent event = CloudEvent.create("/petition-bridge/ledger-service", CaseStatusChanged.TYPE,
                "XF990101-20261126-000123", Instant.now());
        Map<String, String> noId = new java.util.HashMap<>(event.toHeaders());
        noId.remove("ce_id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CloudEvent.fromHeaders(noId))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_id is missing");
        Map<String, String> badTime = new java.util.HashMap<>(event.toHeaders());
        badTime.put("ce_time", "yesterday");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CloudEvent.fromHeaders(badTime))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("cannot be read");
        Map<String, Object> withOthers = new java.util.HashMap<>(event.toHeaders());
        withOthers.put("kafka_receivedTopic", "petition.status.v1");
        withOthers.put("id", java.util.UUID.randomUUID());
        assertThat(CloudEvent.fromHeaders(withOthers)).isEqualTo(event);
    }
}
