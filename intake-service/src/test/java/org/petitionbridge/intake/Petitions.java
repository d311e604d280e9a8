package org.petitionbridge.intake;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Test petitions: valid bodies for POST /api/v1/petitions and made-up people with valid ID numbers. */
public final class Petitions {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String[] SURNAMES = {"王", "李", "赵", "周", "吴", "郑", "冯", "陈", "褚", "卫"};
    private static final String[] GIVEN = {"建国", "秀英", "桂兰", "志强", "海燕", "国庆", "春梅", "德明"};

    private Petitions() {
    }

    /** A made-up petitioner, different from every other one of this test run. */
    public record Person(String name, String idNumber, String phone, String address) {

        public String json() {
            return "{\"name\": \"%s\", \"idNumber\": \"%s\", \"phone\": \"%s\", \"address\": \"%s\"}"
                    .formatted(name, idNumber, phone, address);
        }

        /** Everything personal about this person, as it could appear in text. */
        public List<String> personalData() {
            return List.of(name, idNumber, idNumber.toLowerCase(), phone, phone.replace("-", ""), address);
        }
    }

    public static Person person() {
        int n = SEQUENCE.incrementAndGet();
        String name = SURNAMES[n % SURNAMES.length] + GIVEN[(n / SURNAMES.length) % GIVEN.length]
                + (char) ('甲' + n % 10);
        return new Person(name, idNumber(n), "139%08d".formatted(20_000_000 + n), "测试路" + (100 + n) + "号");
    }

    /** A valid 18-character resident ID number: area 110105, a birth date in 1960-1999, sequence n, check char. */
    public static String idNumber(int n) {
        String first17 = "110105" + (1960 + n % 40) + "%02d%02d".formatted(1 + n % 12, 1 + n % 28) + "%03d".formatted(n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK[sum % 11];
    }

    /** A valid petition of the given channel, category (or null) and division, brought by the given people. */
    public static String petition(String channel, String category, String divisionCode, Person... people) {
        return """
                {"channel": "%s", "divisionCode": "%s", %s"subject": "讨要工钱", "content": "工地干活三个月，一直拖欠工钱。",
                 "petitioners": [%s]}""".formatted(channel, divisionCode,
                category == null ? "" : "\"category\": \"" + category + "\", ",
                List.of(people).stream().map(Person::json).collect(Collectors.joining(", ")));
    }

    /** The body with another top-level field added, e.g. {@code with(body, "groupSize", "30")} (value as JSON). */
    public static String with(String body, String field, String jsonValue) {
        return body.replaceFirst("\\{", "{\"" + field + "\": " + jsonValue + ", ");
    }
}
