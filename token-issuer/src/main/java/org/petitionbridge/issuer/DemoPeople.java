package org.petitionbridge.issuer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.petitionbridge.security.Role;

/**
 * The people of the demo county who sign in to the console (the authorization-code flow with PKCE). <b>Every
 * password here is a DEMO value, published in the repository and the docs: {@code <username>-demo}. Never use this
 * issuer or these passwords outside a developer's machine, docker-compose and tests.</b> A person's access token
 * names the person ({@code sub}: the username; {@code name}) and carries the department and roles of the person's
 * post, so every service applies to it exactly the rules it applies to that department's tokens.
 */
public final class DemoPeople {

    /**
     * One person.
     *
     * @param username   the login name and the token's {@code sub}
     * @param name       the display name (the token's {@code name})
     * @param post       the post, for the console's header
     * @param department the department the person acts for (upper case), or null for the county leader
     * @param roles      the roles of the person's tokens
     */
    public record Person(String username, String name, String post, String department, List<Role> roles) {

        public Person {
            roles = List.copyOf(roles);
        }

        /** DEMO password. */
        public String password() {
            return username + "-demo";
        }

        public List<String> roleNames() {
            return roles.stream().map(Role::name).toList();
        }
    }

    static final List<Person> PEOPLE = List.of(
            new Person("xfj-clerk", "李敏", "县信访局接访大厅登记员", "XFJ", List.of(Role.BUREAU)),
            new Person("xfj-head", "陈建国", "县信访局局长", "XFJ", List.of(Role.BUREAU)),
            new Person("rsj-officer", "王芳", "县人力资源和社会保障局信访专干", "RSJ", List.of(Role.DEPARTMENT)),
            new Person("zjj-officer", "刘洋", "县住房和城乡建设局信访专干", "ZJJ", List.of(Role.DEPARTMENT)),
            new Person("t002-officer", "赵强", "东河镇人民政府信访办", "T002", List.of(Role.DEPARTMENT)),
            new Person("zfb-supervisor", "孙丽", "县人民政府办公室督查科", "ZFB", List.of(Role.SUPERVISOR)),
            new Person("county-leader", "周县长", "县人民政府副县长（分管信访）", null, List.of(Role.LEADER)));

    private static final Map<String, Person> BY_USERNAME = PEOPLE.stream()
            .collect(Collectors.toUnmodifiableMap(Person::username, Function.identity()));

    private DemoPeople() {
    }

    public static List<Person> all() {
        return PEOPLE;
    }

    public static Optional<Person> find(String username) {
        return Optional.ofNullable(BY_USERNAME.get(username));
    }
}
