package org.petitionbridge.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.service.county.CountyReference;
import org.springframework.stereotype.Component;

/**
 * Names beside codes for the pages ({@code ${@labels.department(c.lead)}}): the county's reference data for units,
 * categories and divisions, the ledger's words for statuses, and dates in the bureau's time zone. Nothing here decides
 * anything; it only names.
 */
@Component("labels")
public class Labels {

    public static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BUREAU_ZONE);

    static final Map<String, String> CHANNELS = Map.of("VISIT", "来访", "LETTER", "来信", "PHONE", "来电",
            "ONLINE", "网上信访", "HOTLINE_12345", "12345热线", "EMAIL", "电子邮件");

    private final CountyReference county;

    Labels(CountyReference county) {
        this.county = county;
    }

    public String status(String status) {
        return status == null ? "" : CaseStatus.of(status).map(CaseStatus::chinese).orElse(status);
    }

    public String department(Object code) {
        if (code == null) {
            return "—";
        }
        return county.department(code.toString()).map(CountyReference.Department::name).orElse(code.toString());
    }

    public String departments(Collection<?> codes) {
        return codes == null || codes.isEmpty() ? "—"
                : codes.stream().map(this::department).collect(Collectors.joining("、"));
    }

    public String category(Object code) {
        if (code == null) {
            return "（未分类）";
        }
        return county.category(code.toString()).map(CountyReference.Category::name).orElse(code.toString());
    }

    public String channel(Object code) {
        return code == null ? "" : CHANNELS.getOrDefault(code.toString(), code.toString());
    }

    /** 东河镇 东河村 for a village, 东河镇 for a township. */
    public String division(Object code) {
        if (code == null) {
            return "";
        }
        String c = code.toString();
        CountyReference.Village village = county.villages().get(c);
        if (village != null) {
            CountyReference.Township township = county.townships().get(village.township());
            return (township == null ? "" : township.name() + " ") + village.name();
        }
        CountyReference.Township township = county.townships().get(c);
        return township == null ? c : township.name();
    }

    /** An instant of the API as the bureau's local time. */
    public String time(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(instant.toString()));
        } catch (RuntimeException e) {
            return instant.toString();
        }
    }

    /** overdue (past its date), soon (today or within three days), or empty: the row's colour in the 台账. */
    public String urgency(Object due) {
        if (due == null) {
            return "";
        }
        LocalDate date = LocalDate.parse(due.toString());
        LocalDate today = LocalDate.now(BUREAU_ZONE);
        if (date.isBefore(today)) {
            return "overdue";
        }
        return ChronoUnit.DAYS.between(today, date) <= 3 ? "soon" : "";
    }

    /** The county's villages, for the registration form: code to "township village". */
    public Map<String, String> villages() {
        return county.villages().keySet().stream().sorted()
                .collect(Collectors.toMap(c -> c, this::division, (a, b) -> a, LinkedHashMap::new));
    }

    public Map<String, String> categories() {
        return county.categories().values().stream()
                .collect(Collectors.toMap(CountyReference.Category::code, CountyReference.Category::name, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** Every unit that handles petitions (county departments and township governments), for assignment forms. */
    public Map<String, String> units() {
        return county.departments().values().stream()
                .filter(d -> !List.of("BUREAU", "SUPERVISOR").contains(d.kind()))
                .collect(Collectors.toMap(CountyReference.Department::code, CountyReference.Department::name,
                        (a, b) -> a, LinkedHashMap::new));
    }

    public Map<String, String> statuses() {
        return Arrays.stream(CaseStatus.values())
                .collect(Collectors.toMap(CaseStatus::name, CaseStatus::chinese, (a, b) -> a,
                        LinkedHashMap::new));
    }

    public Map<String, String> channels() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String c : List.of("VISIT", "LETTER", "PHONE", "ONLINE", "HOTLINE_12345", "EMAIL")) {
            ordered.put(c, CHANNELS.get(c));
        }
        return ordered;
    }
}
