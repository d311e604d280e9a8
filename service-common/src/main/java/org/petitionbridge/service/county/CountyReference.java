package org.petitionbridge.service.county;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reference data of a county: its divisions (townships and villages), departments and petition
 * categories. The demo county ships with the project ({@code reference/demo-county.yaml}); the platform never
 * reads anything outside its own classpath for it.
 */
public final class CountyReference {

    public static final String DEMO_RESOURCE = "reference/demo-county.yaml";

    public record County(String code, String name, String timezone) {
    }

    public record Township(String code, String name, String department) {
    }

    public record Village(String code, String name, String township) {
    }

    public record Department(String code, String name, String kind) {
    }

    /**
     * A petition category and how it routes.
     *
     * @param lead null when the category has no competent department (tier TOWNSHIP, or triage)
     */
    public record Category(String code, String name, String petitionClass, String tier, String lead,
            boolean coHandleByTownship, List<String> coHandlers, List<String> keywords) {
    }

    public record Client(String clientId, String secret, List<String> roles) {
    }

    private final County county;
    private final Map<String, Township> townships;
    private final Map<String, Village> villages;
    private final Map<String, Department> departments;
    private final Map<String, Category> categories;
    private final List<Client> clients;

    private CountyReference(County county, Map<String, Township> townships, Map<String, Village> villages,
            Map<String, Department> departments, Map<String, Category> categories, List<Client> clients) {
        this.county = county;
        this.townships = Collections.unmodifiableMap(townships);
        this.villages = Collections.unmodifiableMap(villages);
        this.departments = Collections.unmodifiableMap(departments);
        this.categories = Collections.unmodifiableMap(categories);
        this.clients = List.copyOf(clients);
    }

    private static volatile CountyReference demo;

    /** The demo county shipped with the project. */
    public static CountyReference demo() {
        CountyReference result = demo;
        if (result == null) {
            try (InputStream in = CountyReference.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + DEMO_RESOURCE);
                }
                result = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            demo = result;
        }
        return result;
    }

    /** Parses a county in the format of {@code demo-county.yaml}. */
    @SuppressWarnings("unchecked")
    public static CountyReference parse(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> c = (Map<String, Object>) root.get("county");
        County county = new County(str(c.get("code")), str(c.get("name")), str(c.get("timezone")));

        Map<String, Township> townships = new LinkedHashMap<>();
        for (Map<String, Object> t : list(root.get("townships"))) {
            townships.put(str(t.get("code")), new Township(str(t.get("code")), str(t.get("name")),
                    str(t.get("department"))));
        }
        Map<String, Village> villages = new LinkedHashMap<>();
        for (Map<String, Object> v : list(root.get("villages"))) {
            villages.put(str(v.get("code")), new Village(str(v.get("code")), str(v.get("name")),
                    str(v.get("township"))));
        }
        Map<String, Department> departments = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.get("departments")).forEach((code, d) ->
                departments.put(code, new Department(code, str(d.get("name")), str(d.get("kind")))));
        Map<String, Category> categories = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.get("categories")).forEach((code, d) ->
                categories.put(code, new Category(code, str(d.get("name")), str(d.get("class")),
                        str(d.get("tier")), str(d.get("lead")), Boolean.TRUE.equals(d.get("coHandleByTownship")),
                        strings(d.get("coHandlers")), strings(d.get("keywords")))));
        List<Client> clients = new ArrayList<>();
        for (Map<String, Object> cl : list(root.get("clients"))) {
            clients.add(new Client(str(cl.get("clientId")), str(cl.get("secret")), strings(cl.get("roles"))));
        }
        return new CountyReference(county, townships, villages, departments, categories, clients);
    }

    public County county() {
        return county;
    }

    public Map<String, Township> townships() {
        return townships;
    }

    public Map<String, Village> villages() {
        return villages;
    }

    public Map<String, Department> departments() {
        return departments;
    }

    public Map<String, Category> categories() {
        return categories;
    }

    public List<Client> clients() {
        return clients;
    }

    /** True for a township (9 digits) or village (12 digits) of this county. */
    public boolean isDivision(String code) {
        return code != null && (townships.containsKey(code) || villages.containsKey(code));
    }

    /** The township a division belongs to (a township is its own). */
    public Optional<Township> townshipOf(String divisionCode) {
        if (divisionCode == null) {
            return Optional.empty();
        }
        Township township = townships.get(divisionCode);
        if (township != null) {
            return Optional.of(township);
        }
        Village village = villages.get(divisionCode);
        return village == null ? Optional.empty() : Optional.ofNullable(townships.get(village.township()));
    }

    /**
     * The department the county's reference makes competent for a matter of this category in this division
     * (属地管理、分级负责; 谁主管、谁负责): for a township-tier category the government of the division's township,
     * for a county-tier one its lead department; empty when it names none (the bureau decides). routing-service
     * starts from the same rule, and may have refined it since in its rule sets.
     */
    public Optional<String> competentDepartment(String category, String divisionCode) {
        Category c = category == null ? null : categories.get(category);
        if (c == null) {
            return Optional.empty();
        }
        if ("TOWNSHIP".equals(c.tier())) {
            return townshipOf(divisionCode).map(Township::department);
        }
        return Optional.ofNullable(c.lead());
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(code == null ? null : departments.get(code));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code == null ? null : categories.get(code));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) o) {
            out.add(item.toString());
        }
        return List.copyOf(out);
    }
}
