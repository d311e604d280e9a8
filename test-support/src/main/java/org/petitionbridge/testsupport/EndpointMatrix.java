package org.petitionbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.petitionbridge.security.Role;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint × role check of a service. It reads the service's OpenAPI document, so an endpoint that is added
 * without an entry in the expected table fails the check, and calls every operation with a token of every kind of
 * caller:
 * <ul>
 * <li>no token: 401, unless the endpoint is public;</li>
 * <li>a role the table does not give the endpoint: 403;</li>
 * <li>a role it gives: anything but 401 and 403 (a 400 for an empty body is fine: the caller got past
 * authorization);</li>
 * <li>on an endpoint about one object (a path variable) that departments may call: the department that owns the
 * object gets past authorization and finds it; another department gets 404, as if it did not exist.</li>
 * </ul>
 * {@link #check()} returns every violation, so a test asserts that the list is empty and a failure names them all.
 */
public final class EndpointMatrix {

    /** Who may call an operation: roles, or nobody needs a token. */
    public record Access(Set<Role> roles, boolean isPublic, boolean ownObjectsOnly) {

        public static Access roles(Role... roles) {
            return new Access(roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), false, false);
        }

        /** Departments may call it for their own objects only; another department's object answers 404. */
        public static Access ownObjects(Role... roles) {
            return new Access(EnumSet.of(roles[0], roles), false, true);
        }

        /** No token needed (the progress query, which is protected by its tracking code). */
        public static Access anyone() {
            return new Access(EnumSet.allOf(Role.class), true, false);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Map<String, Access> expected = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> variables = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final TestTokens tokens = TestTokens.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String ownDepartment = "RSJ";
    private String otherDepartment = "YBJ";

    public EndpointMatrix(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The expected access of an operation, keyed like {@code "GET /api/v1/cases/{petitionNo}"}. */
    public EndpointMatrix expect(String operation, Access access) {
        expected.put(operation, access);
        return this;
    }

    /** The value of a path variable; the supplier is asked for every request (so it may create a fresh object). */
    public EndpointMatrix variable(String name, Supplier<String> value) {
        variables.put(name, value);
        return this;
    }

    /** The JSON body sent to an operation (default {@code {}} for POST, PUT and PATCH). */
    public EndpointMatrix body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /** A query string sent to an operation, e.g. {@code purpose=...}. */
    public EndpointMatrix query(String operation, String query) {
        queries.put(operation, query);
        return this;
    }

    /** A header sent with every request (e.g. Accept). */
    public EndpointMatrix header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The department that owns the objects named by the path variables, and one that does not. */
    public EndpointMatrix departments(String owner, String other) {
        this.ownDepartment = owner;
        this.otherDepartment = other;
        return this;
    }

    /** The operations of the service's OpenAPI document, as {@code "METHOD /path"}. */
    public Set<String> documentedOperations() throws IOException, InterruptedException {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (docs.statusCode() != 200) {
            throw new IllegalStateException("The OpenAPI document answered " + docs.statusCode());
        }
        Set<String> operations = new TreeSet<>();
        JsonNode paths = JSON.readTree(docs.body()).path("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String m = method.getKey().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    operations.add(m + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Every violation of the expected table; empty when the service does exactly what the table says. */
    public List<String> check() throws IOException, InterruptedException {
        List<String> violations = new ArrayList<>();
        Set<String> documented = documentedOperations();
        for (String operation : documented) {
            if (!expected.containsKey(operation)) {
                violations.add(operation + ": documented but not in the expected table (decide who may call it)");
            }
        }
        for (String operation : expected.keySet()) {
            if (!documented.contains(operation)) {
                violations.add(operation + ": in the expected table but not in the OpenAPI document");
            }
        }
        for (String operation : documented) {
            Access access = expected.get(operation);
            if (access == null) {
                continue;
            }
            Map<String, String> callers = callers();
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                String name = caller.getKey();
                Role role = roleOf(name);
                int status = call(operation, caller.getValue());
                boolean objectScoped = VARIABLE.matcher(operation).find();
                if (access.isPublic()) {
                    if (status == 401 || status == 403) {
                        violations.add(operation + " as " + name + ": " + status + " on a public endpoint");
                    }
                } else if (role == null) {
                    if (status != 401) {
                        violations.add(operation + " without a token: " + status + ", expected 401");
                    }
                } else if (!access.roles().contains(role)) {
                    if (status != 403) {
                        violations.add(operation + " as " + name + ": " + status + ", expected 403 (role " + role
                                + " is not allowed)");
                    }
                } else if (status == 401 || status == 403) {
                    violations.add(operation + " as " + name + ": " + status + ", but role " + role + " is allowed");
                } else if (role == Role.DEPARTMENT && objectScoped && access.ownObjectsOnly()) {
                    boolean own = name.startsWith("own department");
                    if (own && status == 404) {
                        violations.add(operation + " as " + name + ": 404 for its own object");
                    } else if (!own && status != 404) {
                        violations.add(operation + " as " + name + ": " + status
                                + ", expected 404 for another department's object");
                    }
                }
            }
        }
        return violations;
    }

    private Map<String, String> callers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("analyst", tokens.analyst());
        callers.put("hotline", tokens.hotline());
        callers.put("operator", tokens.operator());
        callers.put("other department " + otherDepartment, tokens.department(otherDepartment));
        callers.put("own department " + ownDepartment, tokens.department(ownDepartment));
        callers.put("supervisor ZFB", tokens.department("ZFB"));
        callers.put("bureau XFJ", tokens.department("XFJ"));
        callers.put("county leader", tokens.client("county-leader", Role.LEADER));
        return callers;
    }

    private static Role roleOf(String caller) {
        if (caller.equals("no token")) {
            return null;
        }
        if (caller.equals("analyst")) {
            return Role.ANALYST;
        }
        if (caller.equals("hotline")) {
            return Role.INTAKE_CHANNEL;
        }
        if (caller.equals("operator")) {
            return Role.OPERATOR;
        }
        if (caller.startsWith("supervisor")) {
            return Role.SUPERVISOR;
        }
        if (caller.equals("county leader")) {
            return Role.LEADER;
        }
        return caller.startsWith("bureau") ? Role.BUREAU : Role.DEPARTMENT;
    }

    private int call(String operation, String token) throws IOException, InterruptedException {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1);
        Matcher m = VARIABLE.matcher(path);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            Supplier<String> value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for path variable {" + m.group(1) + "} of " + operation);
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(resolved);
        String query = queries.get(operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + resolved + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(method)) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(bodies.getOrDefault(operation, "{}")));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The set of operations of a table, for messages. */
    public Set<String> expectedOperations() {
        return new LinkedHashSet<>(expected.keySet());
    }
}
