package org.petitionbridge.issuer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.Role;

/**
 * The development clients of a county, all OAuth2 client credentials. <b>Every secret here is a DEMO value,
 * published in the repository and the docs: never use this issuer or these secrets outside a developer's machine,
 * docker-compose and tests.</b>
 * <ul>
 * <li>every department: client id = its code in lower case, secret {@code <id>-secret}, claim {@code department} =
 * its code in upper case, role from its kind ({@link Role#forDepartmentKind(String)}: XFJ BUREAU, ZFB SUPERVISOR,
 * every other DEPARTMENT);</li>
 * <li>the county's own clients without a department ({@code clients:} in the reference data: analyst, hotline);</li>
 * <li>{@code operator}/{@code operator-secret} (OPERATOR), unless the reference data already names it.</li>
 * </ul>
 */
public final class DemoClients {

    /** The demo client that runs the platform (actuator, maintenance). */
    static final DemoClient OPERATOR = new DemoClient("operator", "operator-secret", null, List.of(Role.OPERATOR));

    /**
     * One development client.
     *
     * @param department the department code (upper case) its tokens name, or null for a client without one
     * @param roles      the roles its tokens carry (at least one)
     */
    public record DemoClient(String clientId, String secret, String department, List<Role> roles) {

        public DemoClient {
            if (clientId == null || clientId.isBlank() || secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("a demo client needs an id and a secret");
            }
            roles = List.copyOf(roles);
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("demo client " + clientId + " has no role");
            }
        }

        public List<String> roleNames() {
            return roles.stream().map(Role::name).toList();
        }
    }

    private DemoClients() {
    }

    /** The clients of the given county, departments first, in the order of its reference data. */
    public static List<DemoClient> of(CountyReference county) {
        Map<String, DemoClient> clients = new LinkedHashMap<>();
        for (CountyReference.Department department : county.departments().values()) {
            String clientId = department.code().toLowerCase(Locale.ROOT);
            add(clients, new DemoClient(clientId, clientId + "-secret", department.code().toUpperCase(Locale.ROOT),
                    List.of(Role.forDepartmentKind(department.kind()))));
        }
        for (CountyReference.Client client : county.clients()) {
            List<Role> roles = new ArrayList<>();
            for (String name : client.roles()) {
                roles.add(Role.parse(name).orElseThrow(() -> new IllegalStateException("client " + client.clientId()
                        + " of the county reference data names an unknown role: " + name)));
            }
            if (roles.contains(Role.LEADER)) {
                throw new IllegalStateException("client " + client.clientId() + " of the county reference data names "
                        + "the role LEADER, which is for a person signing in, never for a client");
            }
            add(clients, new DemoClient(client.clientId(), client.secret(), null, roles));
        }
        clients.putIfAbsent(OPERATOR.clientId(), OPERATOR);
        return List.copyOf(clients.values());
    }

    private static void add(Map<String, DemoClient> clients, DemoClient client) {
        if (clients.putIfAbsent(client.clientId(), client) != null) {
            throw new IllegalStateException("two clients of the county reference data have the id "
                    + client.clientId());
        }
    }
}
