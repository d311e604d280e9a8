package org.petitionbridge.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' REST APIs, called with the signed-in person's access token (Spring Security's
 * {@link OAuth2ClientHttpRequestInterceptor}: the token of the current request's person, refreshed when it expired).
 * Answers are plain maps and lists for the templates; an error answer becomes an {@link ApiProblem} carrying the
 * RFC 9457 problem details the service wrote (its Chinese rule text, its fields), which the pages show as they are.
 */
@Component
public class Api {

    /** The services the console calls. */
    public enum Service {
        INTAKE, ROUTING, LEDGER, NOTIFY, RISK
    }

    private static final ParameterizedTypeReference<Object> ANY = new ParameterizedTypeReference<>() { };
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every error answer becomes the service's problem details. */
    private static final RestClient.ResponseSpec.ErrorHandler AS_PROBLEM = (request, response) -> {
        throw ApiProblem.of(response.getStatusCode().value(), response.getBody().readAllBytes());
    };

    private final RestClient rest;
    private final Map<Service, URI> bases;

    Api(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, ConsoleProperties p) {
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(clients);
        token.setClientRegistrationIdResolver(request -> ConsoleSecurity.REGISTRATION);
        this.rest = builder.requestInterceptor(token).build();
        this.bases = Map.of(Service.INTAKE, p.intakeUrl(), Service.ROUTING, p.routingUrl(),
                Service.LEDGER, p.ledgerUrl(), Service.NOTIFY, p.notifyUrl(), Service.RISK, p.riskUrl());
    }

    /** GET as JSON: a map for an object, a list for an array. Query parameters that are null or blank are left out. */
    public Object get(Service service, String path, Map<String, ?> query) {
        return rest.get().uri(uri(service, path, query)).accept(MediaType.APPLICATION_JSON).retrieve()
                .onStatus(HttpStatusCode::isError, AS_PROBLEM)
                .body(ANY);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getObject(Service service, String path, Map<String, ?> query) {
        return (Map<String, Object>) get(service, path, query);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getList(Service service, String path, Map<String, ?> query) {
        Object body = get(service, path, query);
        return body instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** The same GET as a spreadsheet (Accept: text/csv): the bytes as the service wrote them. */
    public byte[] csv(Service service, String path, Map<String, ?> query) {
        return rest.get().uri(uri(service, path, query)).accept(MediaType.parseMediaType("text/csv")).retrieve()
                .onStatus(HttpStatusCode::isError, AS_PROBLEM)
                .body(byte[].class);
    }

    /** POST a JSON body; the answer as a map (or null when it has none). */
    public Map<String, Object> post(Service service, String path, Object body) {
        return post(service, path, body, Map.of());
    }

    /** POST a JSON body with more headers (an {@code Idempotency-Key}, say). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(Service service, String path, Object body, Map<String, String> headers) {
        Object answer = rest.post().uri(uri(service, path, Map.of())).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).headers(h -> headers.forEach(h::set)).body(body).retrieve()
                .onStatus(HttpStatusCode::isError, AS_PROBLEM)
                .body(ANY);
        return answer instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private URI uri(Service service, String path, Map<String, ?> query) {
        UriComponentsBuilder b = UriComponentsBuilder.fromUri(bases.get(service)).path(path);
        query.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank()) {
                b.queryParam(k, v);
            }
        });
        return b.encode().build().toUri();
    }

    /** A map of query parameters, in order, from pairs (null values are left out when the URI is built). */
    public static Map<String, Object> query(Object... pairs) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            q.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return q;
    }

    /**
     * An error answer of a service: its status and its problem details (title, detail, the rule that refused, and
     * the fields that were wrong, each with the service's words).
     */
    public static final class ApiProblem extends RuntimeException {

        private final int status;
        private final String title;
        private final String detail;
        private final String rule;
        private final Map<String, String> fields;

        ApiProblem(int status, String title, String detail, String rule, Map<String, String> fields) {
            super(status + " " + title + (detail == null ? "" : ": " + detail));
            this.status = status;
            this.title = title;
            this.detail = detail;
            this.rule = rule;
            this.fields = fields;
        }

        @SuppressWarnings("unchecked")
        static ApiProblem of(int status, byte[] body) {
            Map<String, Object> problem;
            try {
                problem = body.length == 0 ? Map.of() : JSON.readValue(body, Map.class);
            } catch (RuntimeException notJson) {
                problem = Map.of();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (problem.get("errors") instanceof List<?> errors) {
                for (Object e : errors) {
                    if (e instanceof Map<?, ?> m && m.get("field") != null) {
                        fields.merge(String.valueOf(m.get("field")), String.valueOf(m.get("message")),
                                (a, b) -> a + "；" + b);
                    }
                }
            }
            Object title = problem.getOrDefault("title", "HTTP " + status);
            Object detail = problem.get("detail");
            Object rule = problem.get("rule");
            return new ApiProblem(status, String.valueOf(title), detail == null ? null : String.valueOf(detail),
                    rule == null ? null : String.valueOf(rule), fields);
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        /** What happened, in Chinese, by the answer's status; the service's own words follow in {@link #detail()}. */
        public String heading() {
            return switch (status) {
                case 400 -> "填写有误，未提交";
                case 401 -> "登录已失效，请重新登录";
                case 403 -> "无权办理";
                case 404 -> "未找到";
                case 409 -> "当前不能办理";
                case 422 -> "不予受理";
                case 429 -> "操作过于频繁，请稍后再试";
                case 503 -> "服务暂不可用，请稍后再试";
                default -> "操作未完成（" + status + "）";
            };
        }

        public String detail() {
            return detail;
        }

        public String rule() {
            return rule;
        }

        /** Field name to the service's message, in the order the service listed them. */
        public Map<String, String> fields() {
            return fields;
        }

        public List<String> fieldNames() {
            return new ArrayList<>(fields.keySet());
        }
    }
}
