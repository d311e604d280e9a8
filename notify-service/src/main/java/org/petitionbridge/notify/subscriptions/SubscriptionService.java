package org.petitionbridge.notify.subscriptions;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.web.FieldProblem;
import org.petitionbridge.web.InvalidRequestException;
import org.petitionbridge.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SubscriptionService {

    static final List<String> EVENT_TYPES = List.of("status");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final WebhookUrlPolicy urls;
    private final CountyReference county;
    private final Clock clock;

    SubscriptionService(JdbcClient jdbc, WebhookUrlPolicy urls, CountyReference county, Clock clock) {
        this.jdbc = jdbc;
        this.urls = urls;
        this.county = county;
        this.clock = clock;
    }

    /** The body of {@code POST /api/v1/subscriptions}. */
    public record NewSubscription(String department, String url, List<String> eventTypes) {
    }

    @Transactional
    public Subscription create(NewSubscription request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.department() == null || county.department(request.department()).isEmpty()) {
            problems.add(new FieldProblem("department", "must be a department code of the county (e.g. RSJ, T002)"));
        }
        if (request.url() == null || request.url().isBlank()) {
            problems.add(new FieldProblem("url", "is required: the webhook URL events are POSTed to"));
        } else {
            String problem = urls.problem(request.url());
            if (problem != null) {
                problems.add(new FieldProblem("url", problem));
            }
        }
        List<String> types = request.eventTypes() == null || request.eventTypes().isEmpty() ? EVENT_TYPES
                : request.eventTypes();
        for (int i = 0; i < types.size(); i++) {
            if (!EVENT_TYPES.contains(types.get(i))) {
                problems.add(new FieldProblem("eventTypes[" + i + "]", "must be one of " + EVENT_TYPES));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into subscription (id, department, url, event_types, secret, created_at)
                values (?::uuid, ?, ?, ?, ?, ?)""")
                .params(id, request.department(), request.url(), types.toArray(String[]::new), secret,
                        Timestamp.from(now))
                .update();
        return new Subscription(id, request.department(), request.url(), List.copyOf(types), secret, now);
    }

    @Transactional(readOnly = true)
    public List<Subscription> list(String department) {
        return jdbc.sql("""
                select id, department, url, event_types, created_at from subscription
                where active and (cast(? as text) is null or department = ?) order by created_at""")
                .params(department, department)
                .query((rs, i) -> new Subscription(rs.getString("id"), rs.getString("department"), rs.getString("url"),
                        List.of((String[]) rs.getArray("event_types").getArray()), null,
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional
    public void delete(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No active subscription " + id);
        }
        int updated = jdbc.sql("update subscription set active = false where id = ?::uuid and active")
                .param(id).update();
        if (updated == 0) {
            throw new NotFoundException("No active subscription " + id);
        }
    }
}
