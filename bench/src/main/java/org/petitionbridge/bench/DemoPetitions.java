package org.petitionbridge.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.EventCodec;

/**
 * Realistic petitions of the demo county: mixed categories (their text uses the category's keywords), channels
 * and villages; 1 in 20 a repeat (same person, category and village as an earlier one), 1 in 50 a group petition.
 * Identities are synthetic but valid (ID numbers carry a correct check character).
 */
public final class DemoPetitions {

    /** The departments and townships that lead cases of these petitions: every one subscribes to webhooks. */
    public static final List<String> LEADS = List.of("ZRZY", "ZJJ", "RSJ", "YBJ", "MZJ", "YJJ", "STHJ", "JYJ", "WJJ",
            "SJJ", "GAJ", "JTJ", "JWJW", "ZFW", "XFJ", "T001", "T002", "T003", "T004", "T005", "T006");

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"};
    private static final String[] CHANNELS = {"LETTER", "VISIT", "PHONE", "ONLINE", "HOTLINE_12345", "EMAIL"};
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final Random random;
    private final List<String> villages;
    private final List<CountyReference.Category> categories;
    private final List<Map<String, Object>> earlier = new ArrayList<>();

    public DemoPetitions(CountyReference county, long seed) {
        this.random = new Random(seed);
        this.villages = List.copyOf(county.villages().keySet());
        this.categories = county.categories().values().stream()
                .filter(c -> !c.keywords().isEmpty() && (c.lead() != null || "TOWNSHIP".equals(c.tier()))).toList();
    }

    /** The JSON body of the next petition. */
    public synchronized String next() {
        Map<String, Object> petition;
        if (!earlier.isEmpty() && random.nextInt(20) == 0) {
            Map<String, Object> before = earlier.get(random.nextInt(earlier.size()));
            petition = new java.util.LinkedHashMap<>(before);
            petition.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
            petition.put("subject", "再次反映：" + before.get("subject"));
        } else {
            CountyReference.Category category = categories.get(random.nextInt(categories.size()));
            String keyword = category.keywords().get(random.nextInt(category.keywords().size()));
            boolean group = random.nextInt(50) == 0;
            int people = group ? 3 + random.nextInt(3) : 1;
            List<Map<String, String>> petitioners = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                petitioners.add(person());
            }
            petition = new java.util.LinkedHashMap<>();
            petition.put("channel", group ? "VISIT" : CHANNELS[random.nextInt(CHANNELS.length)]);
            petition.put("divisionCode", villages.get(random.nextInt(villages.size())));
            petition.put("category", category.code());
            petition.put("subject", "关于" + keyword + "问题的反映");
            petition.put("content", "本人反映" + keyword + "问题，" + "具体情况如下：".repeat(1 + random.nextInt(3))
                    + "希望有关部门依法依规处理。" + "补充说明。".repeat(random.nextInt(40)));
            petition.put("petitioners", petitioners);
            petition.put("groupSize", group ? 5 + random.nextInt(25) : 1);
            if (category.petitionClass().equals("ACCUSATION")) {
                petition.put("complainedAgainst", Map.of("department", "T00" + (1 + random.nextInt(6))));
            }
            if (earlier.size() < 5000) {
                earlier.add(petition);
            }
        }
        return EventCodec.mapper().writeValueAsString(petition);
    }

    private Map<String, String> person() {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 60));
        String body = "110105" + birth.toString().replace("-", "") + "%03d".formatted(random.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        String phone = "13" + "%09d".formatted(random.nextInt(1_000_000_000));
        return Map.of("name", name, "idNumber", body + CHECK[sum % 11], "phone", phone,
                "address", villages.get(random.nextInt(villages.size())).substring(9) + "组");
    }
}
