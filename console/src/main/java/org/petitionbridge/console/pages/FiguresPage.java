package org.petitionbridge.console.pages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.petitionbridge.console.Api;
import org.petitionbridge.console.Labels;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 统计: the ledger's figures (三率 by department and by township, received per month and by category), as tables
 * and as Apache ECharts charts drawn from the same numbers.
 */
@Controller
class FiguresPage {

    /** One row of the ledger's statistics, the rates as percentages (null when there is nothing to count). */
    record Row(String key, long received, Double acknowledged, Double replied, Double satisfied, long open,
            long overdue) {

        static Row of(Map<String, Object> r) {
            return new Row(r.get("key") == null ? null : r.get("key").toString(), count(r.get("received")),
                    percent(r.get("acknowledgedOnTimeRate")), percent(r.get("repliedOnTimeRate")),
                    percent(r.get("satisfactionRate")), count(r.get("open")), count(r.get("overdue")));
        }
    }

    /** Petitions received in one month. */
    record Month(String month, LocalDate from, LocalDate to, long received) {
    }

    private final Api api;
    private final Labels labels;

    FiguresPage(Api api, Labels labels) {
        this.api = api;
        this.labels = labels;
    }

    @GetMapping("/figures")
    String figures(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        LocalDate today = LocalDate.now(Labels.BUREAU_ZONE);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        List<Row> departments = List.of();
        List<Row> townships = List.of();
        List<Row> categories = List.of();
        try {
            departments = rows("department", start, end);
            townships = rows("township", start, end);
            categories = rows("category", start, end);
        } catch (Api.ApiProblem problem) {
            model.addAttribute("problem", problem); // e.g. an end before the start: shown beside the dates
        }
        List<Month> months = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        for (int back = 5; back >= 0; back--) {
            YearMonth m = current.minusMonths(back);
            long received = rows("category", m.atDay(1), m.atEndOfMonth()).stream().mapToLong(Row::received).sum();
            months.add(new Month(m.getYear() + "年" + m.getMonthValue() + "月", m.atDay(1), m.atEndOfMonth(), received));
        }
        model.addAttribute("departments", departments);
        model.addAttribute("townships", townships);
        model.addAttribute("categories", categories);
        model.addAttribute("months", months);

        // the charts' data: plain maps, lists, strings and numbers (what Thymeleaf writes as JavaScript)
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("ratesDepartment", rates(departments, labels::department, "（未交办）"));
        charts.put("ratesTownship", rates(townships, labels::division, "（县外或未知）"));
        charts.put("monthly", Map.of("names", months.stream().map(Month::month).toList(),
                "received", months.stream().map(Month::received).toList()));
        charts.put("category", Map.of("names", categories.stream().map(r -> labels.category(r.key())).toList(),
                "received", categories.stream().map(Row::received).toList()));
        model.addAttribute("charts", charts);
        return "figures";
    }

    private List<Row> rows(String groupBy, LocalDate from, LocalDate to) {
        return api.getList(Api.Service.LEDGER, "/api/v1/statistics", Api.query("groupBy", groupBy, "from", from,
                "to", to)).stream().map(Row::of).toList();
    }

    /** A rates chart's data; a row without a key (not yet assigned, say) is named {@code none}, as in the table. */
    private static Map<String, Object> rates(List<Row> rows, Function<Object, String> name, String none) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("names", rows.stream().map(r -> r.key() == null ? none : name.apply(r.key())).toList());
        chart.put("acknowledged", rows.stream().map(Row::acknowledged).toList());
        chart.put("replied", rows.stream().map(Row::replied).toList());
        chart.put("satisfied", rows.stream().map(Row::satisfied).toList());
        return chart;
    }

    private static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** A rate of 0..1 as a percentage with one decimal, or null. */
    private static Double percent(Object rate) {
        if (rate == null) {
            return null;
        }
        return new BigDecimal(rate.toString()).movePointRight(2).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
