package org.petitionbridge.ledger.replay;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.cases.ActionRequest;
import org.petitionbridge.ledger.cases.ActionService;
import org.petitionbridge.ledger.cases.CaseService;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.RuleRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds an empty ledger from the topics: every petition, decision and triage notice, and every department
 * action recorded in the ledger's own status events, applied again in the order they happened, at the moment
 * they happened. The rebuild publishes nothing (the events it appends are discarded before its commit) and
 * records every consumed event as processed, so live consumption continues where the topics end.
 */
@Component
public class LedgerRebuilder {

    private static final Logger log = LoggerFactory.getLogger(LedgerRebuilder.class);

    private final CaseService cases;
    private final ActionService actions;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaProperties kafka;
    private final OutboxWriter outbox;

    /** The consumer reads the topics with the service's Kafka settings, security (SASL/TLS) included. */
    LedgerRebuilder(CaseService cases, ActionService actions, JdbcClient jdbc, PlatformTransactionManager transactions,
            KafkaProperties kafka, OutboxWriter outbox) {
        this.outbox = outbox;
        this.cases = cases;
        this.actions = actions;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.kafka = kafka;
    }

    /** What a rebuild did. */
    public record Report(int read, int applied, int skipped, List<String> refused) {
    }

    private record Event(String topic, int priority, int partition, long offset, Map<String, byte[]> headers,
            byte[] body, Instant time) {
    }

    public Report rebuild() {
        long existing = jdbc.sql("select count(*) from petition_case").query(Long.class).single();
        if (existing > 0) {
            throw new ConflictException("ledger-not-empty",
                    "A rebuild starts from an empty ledger; this one has " + existing + " cases");
        }
        List<Event> events = readAll();
        events.sort(Comparator.comparing(Event::time).thenComparingInt(Event::priority)
                .thenComparingInt(Event::partition).thenComparingLong(Event::offset));
        return tx.execute(status -> {
            int applied = 0;
            int skipped = 0;
            List<String> refused = new ArrayList<>();
            for (Event e : events) {
                try {
                    if (apply(e)) {
                        applied++;
                    } else {
                        skipped++;
                    }
                } catch (InvalidEventException ex) {
                    skipped++;
                } catch (RuleRefusal ex) {
                    refused.add(e.topic() + "@" + e.partition() + ":" + e.offset() + " " + ex.rule());
                }
            }
            keepPublishedSequences(events);
            outbox.discardAppended();
            log.info("Ledger rebuilt from {} events: {} applied, {} skipped, {} refused", events.size(), applied,
                    skipped, refused.size());
            return new Report(events.size(), applied, skipped, refused);
        });
    }

    /**
     * The consumers keep the case of the highest sequence they have seen: a rebuilt case never counts below what the
     * topics already carry, so that the ledger's next change still reaches them.
     */
    private void keepPublishedSequences(List<Event> events) {
        Map<String, Long> highest = new HashMap<>();
        for (Event e : events) {
            if (!Topics.STATUS.equals(e.topic())) {
                continue;
            }
            try {
                CaseStatusChanged s = EventCodec.fromJson(e.body(), CaseStatusChanged.class);
                if (s.petitionNo() != null && s.sequence() != null) {
                    highest.merge(s.petitionNo(), s.sequence(), Math::max);
                }
            } catch (RuntimeException unreadable) {
                // a malformed status event carries no sequence to keep
            }
        }
        highest.forEach((petitionNo, sequence) -> jdbc.sql(
                        "update petition_case set sequence = greatest(sequence, ?) where petition_no = ?")
                .params(sequence, petitionNo).update());
    }

    private boolean apply(Event e) {
        switch (e.topic()) {
            case Topics.RECEIVED -> cases.onReceived(EventCodec.decode(e.headers(), e.body(), PetitionReceived.TYPE,
                    PetitionReceived.class));
            case Topics.ROUTED -> cases.onRouted(EventCodec.decode(e.headers(), e.body(), PetitionRouted.TYPE,
                    PetitionRouted.class));
            case Topics.TRIAGE -> cases.onTriaged(EventCodec.decode(e.headers(), e.body(), PetitionTriaged.TYPE,
                    PetitionTriaged.class));
            case Topics.STATUS -> {
                CaseStatusChanged s = EventCodec.decode(e.headers(), e.body(), CaseStatusChanged.TYPE,
                        CaseStatusChanged.class).data();
                if (s.actorDepartment() == null || !s.details().containsKey("type")) {
                    return false;   // a change the ledger derived from another topic: replayed from there
                }
                actions.applyInCurrentTransaction(s.petitionNo(), s.actorDepartment(), ActionRequest.fromDetails(s.details()),
                        s.occurredAt());
            }
            case Topics.DEADLINE -> {
                DeadlineReached d = EventCodec.decode(e.headers(), e.body(), DeadlineReached.TYPE,
                        DeadlineReached.class).data();
                jdbc.sql("insert into deadline_notice (petition_no, clock, kind, due_date, raised_at)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing")
                        .params(d.petitionNo(), d.clock(), d.kind(), d.dueDate(), Timestamp.from(d.occurredAt()))
                        .update();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private List<Event> readAll() {
        Properties props = new Properties();
        props.putAll(kafka.buildConsumerProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Event> events = new ArrayList<>();
        Map<String, Integer> priority = Map.of(Topics.RECEIVED, 0, Topics.ROUTED, 1, Topics.TRIAGE, 1,
                Topics.STATUS, 2, Topics.DEADLINE, 3);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : priority.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (end.entrySet().stream().anyMatch(x -> consumer.position(x.getKey()) < x.getValue())) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, byte[]> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value());
                    }
                    Instant time;
                    try {
                        time = CloudEvent.fromHeaders(headers).time();
                    } catch (InvalidEventException ex) {
                        time = Instant.ofEpochMilli(r.timestamp());
                    }
                    events.add(new Event(r.topic(), priority.get(r.topic()), r.partition(), r.offset(), headers,
                            r.value(), time));
                }
            }
        }
        return events;
    }

}
