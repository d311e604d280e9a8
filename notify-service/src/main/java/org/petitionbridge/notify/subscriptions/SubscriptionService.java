package org.petitionbridge.notify.subscriptions;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.petitionbridge.notify.audience.EventKind;
import org.petitionbridge.notify.audience.Interest;
import org.petitionbridge.notify.deliveries.WebhookDispatcher;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
public class SubscriptionService {

    static final List<String> EVENT_TYPES = EventKind.NAMES;
    /** The petition classes a filter may name, as a pattern and as a 400 answer lists them. */
    static final String CLASSES_PATTERN = "SUGGESTION|ACCUSATION|CLAIM";
    static final String CLASSES_LISTED = "[SUGGESTION, ACCUSATION, CLAIM]";
    static final int MAX_PER_DEPARTMENT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookDispatcher dispatcher;
    private final JdbcClient jdbc;
    private final WebhookUrlPolicy urls;
    private final CountyReference county;
    private final Clock clock;
    private final Duration rotationWindow;

    SubscriptionService(JdbcClient jdbc, WebhookUrlPolicy urls, CountyReference county, Clock clock,
            WebhookDispatcher dispatcher,
            @Value("${petition-bridge.notify.rotation-window:24h}") Duration rotationWindow) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
        this.urls = urls;
        this.county = county;
        this.clock = clock;
        this.rotationWindow = rotationWindow;
    }

    /**
     * The body of {@code POST /api/v1/subscriptions}. {@code department} may be left out (the caller's); if given
     * it must be the caller's, unless the caller is the bureau. Its shape (event types, classes, the division
     * prefix) is declared by Bean Validation constraints; {@link #create} checks the rest.
     */
    public record NewSubscription(
            @Schema(description = "Optional: the token's department. Only the bureau may name another department",
                    example = "RSJ") String department,
            String url,
            List<@NotNull(message = "must be one of " + EventKind.LISTED)
                 @Pattern(regexp = EventKind.PATTERN, message = "must be one of " + EventKind.LISTED) String> eventTypes,
            @Valid Subscription.Filters filters) {
    }

    /**
     * Creates a subscription for the caller's department (its token's); the bureau may create one for another
     * department by naming it in the body.
     *
     * @param caller        the caller's department
     * @param anyDepartment the caller is the bureau
     * @param shape         the problems of the request's shape (its constraints), answered with those found here in
     *                      one 400, once the caller may subscribe for the department
     */
    @Transactional
    public Subscription create(String caller, boolean anyDepartment, NewSubscription request,
            List<FieldProblem> shape) {
        List<FieldProblem> problems = new ArrayList<>(shape);
        String department = request.department() == null || request.department().isBlank() ? caller
                : request.department().trim();
        if (!caller.equals(department) && !anyDepartment) {
            throw new ForbiddenException("own-department-only", "A department subscribes only for itself (the "
                    + "department of its token; 'department' may be left out); only the bureau may subscribe for "
                    + "another department");
        }
        if (county.department(department).isEmpty()) {
            problems.add(new FieldProblem("department", "must be a department code of the county (e.g. RSJ, T002)"));
        }
        if (request.url() != null) {
            String problem = request.url().isBlank() ? "must be an https URL, or left out for the pull feed only"
                    : urls.problem(request.url());
            if (problem != null) {
                problems.add(new FieldProblem("url", problem));
            }
        }
        List<String> types = request.eventTypes() == null ? List.of() : request.eventTypes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            // a type that is not one of them is the shape's problem
            String type = types.get(i);
            if (type != null && EVENT_TYPES.contains(type) && !seen.add(type)) {
                problems.add(new FieldProblem("eventTypes[" + i + "]", "is listed twice"));
            }
        }
        Subscription.Filters filters = request.filters() == null ? Subscription.Filters.NONE : request.filters();
        List<String> categories = filters.categories() == null ? List.of() : filters.categories();
        List<String> classes = filters.classes() == null ? List.of() : filters.classes();
        for (int i = 0; i < categories.size(); i++) {
            if (county.category(categories.get(i)).isEmpty()) {
                problems.add(new FieldProblem("filters.categories[" + i + "]",
                        "must be a category code (e.g. WAGE_ARREARS, LAND_REQUISITION)"));
            }
        }
        String prefix = filters.divisionPrefix();
        boolean anyFilter = !categories.isEmpty() || !classes.isEmpty() || prefix != null;
        if (anyFilter && types.isEmpty()) {
            problems.add(new FieldProblem("filters", "select events only together with eventTypes; name at least one"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        long count = jdbc.sql("select count(*) from subscription where active and department = ?").param(department)
                .query(Long.class).single();
        if (count >= MAX_PER_DEPARTMENT) {
            throw new ConflictException("too-many-subscriptions",
                    "A department has at most " + MAX_PER_DEPARTMENT + " active subscriptions; delete one first");
        }
        String secret = newSecret();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into subscription (id, department, url, event_types, secret, created_at, filter_categories,
                    filter_division_prefix, filter_classes)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, department, request.url(), SqlArrays.of(types), secret, Timestamp.from(now),
                        SqlArrays.of(categories), prefix, SqlArrays.of(classes))
                .update();
        return new Subscription(id, department, request.url(), List.copyOf(types),
                new Subscription.Filters(List.copyOf(categories), prefix, List.copyOf(classes)), true, null, secret,
                null, now);
    }

    /** {@code whsec_} followed by the base64 of 32 random bytes; the HMAC key is the decoded bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The subscriptions of a department (or, for the bureau naming none, of every department), not deleted ones. */
    @Transactional(readOnly = true)
    public List<Subscription> list(String department) {
        return jdbc.sql("""
                select * from subscription
                where (active or disabled_reason = 'GONE') and (cast(? as text) is null or department = ?)
                order by created_at""")
                .params(department, department)
                .query((rs, i) -> read(rs, null))
                .list();
    }

    /** Ends a subscription of the caller's department (the bureau: any); its pending deliveries are cancelled. */
    @Transactional
    public void delete(String caller, boolean anyDepartment, String id) {
        String department = owned(caller, anyDepartment, id);
        Instant now = clock.instant();
        jdbc.sql("""
                update subscription set active = false, disabled_reason = 'DELETED', disabled_at = ?
                where id = ?::uuid and department = ? and (active or disabled_reason = 'GONE')""")
                .params(Timestamp.from(now), id, department).update();
        jdbc.sql("update delivery set status = 'CANCELLED' where subscription_id = ?::uuid"
                + " and status = 'PENDING'").param(id).update();
        forgetOnCommit(id);
    }

    /** Once the change commits, the dispatcher drops what it read of the subscription before (and reads it anew). */
    private void forgetOnCommit(String id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.forget(id);
            }
        });
    }

    /**
     * A new signing secret, returned once. Until the rotation window ends, webhooks carry two signatures (the new
     * secret's and the previous one's), so the department's system can switch at its own pace. Only the department
     * that owns the subscription may rotate it, not even the bureau: whoever holds the secret can sign webhooks the
     * department's system accepts. Another department's subscription answers 404.
     */
    @Transactional
    public Subscription rotateSecret(String caller, boolean anyDepartment, String id) {
        owned(caller, false, id);
        Instant now = clock.instant();
        String secret = newSecret();
        int updated = jdbc.sql("""
                update subscription set previous_secret = secret, previous_secret_until = ?, secret = ?
                where id = ?::uuid and active""")
                .params(Timestamp.from(now.plus(rotationWindow)), secret, id).update();
        if (updated == 0) {
            throw new ConflictException("subscription-inactive", "The subscription is disabled; create a new one");
        }
        forgetOnCommit(id);
        return jdbc.sql("select * from subscription where id = ?::uuid").param(id)
                .query((rs, i) -> read(rs, secret)).single();
    }

    /**
     * The department of a subscription the caller may manage; 404 for any other, with the same answer as for an
     * id that does not exist, so that a department cannot learn which subscriptions other departments have.
     */
    private String owned(String caller, boolean anyDepartment, String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No subscription " + id);
        }
        String department = jdbc.sql("""
                select department from subscription where id = ?::uuid and (active or disabled_reason = 'GONE')""")
                .param(id).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("No subscription " + id));
        if (!department.equals(caller) && !anyDepartment) {
            throw new NotFoundException("No subscription " + id);
        }
        return department;
    }

    /** What every active subscription selects, for the planner. */
    @Transactional(readOnly = true)
    public List<Interest> activeInterests() {
        return jdbc.sql("""
                select id, department, url, event_types, filter_categories, filter_division_prefix, filter_classes
                from subscription where active""")
                .query((rs, i) -> {
                    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
                    for (String t : SqlArrays.strings(rs, "event_types")) {
                        EventKind.byShortName(t).ifPresent(kinds::add);
                    }
                    return new Interest(rs.getString("id"), rs.getString("department"), rs.getString("url") != null,
                            kinds, Set.copyOf(SqlArrays.strings(rs, "filter_categories")), rs.getString("filter_division_prefix"),
                            Set.copyOf(SqlArrays.strings(rs, "filter_classes")));
                })
                .list();
    }

    private static Subscription read(ResultSet rs, String secret) throws SQLException {
        Timestamp until = rs.getTimestamp("previous_secret_until");
        return new Subscription(rs.getString("id"), rs.getString("department"), rs.getString("url"),
                SqlArrays.strings(rs, "event_types"), new Subscription.Filters(SqlArrays.strings(rs, "filter_categories"),
                        rs.getString("filter_division_prefix"), SqlArrays.strings(rs, "filter_classes")),
                rs.getBoolean("active"), rs.getString("disabled_reason"), secret,
                until == null || rs.getString("previous_secret") == null ? null : until.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

}
