package org.petitionbridge.ledger.cases;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.petitionbridge.service.csv.SpreadsheetCsv;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.springframework.stereotype.Component;

/**
 * The 台账 as a spreadsheet: every case of the clerk's filter (all pages, not one), streamed row by row, with names
 * beside codes, as {@link SpreadsheetCsv} writes every export of the platform (it opens cleanly in Excel and WPS; a
 * cell that would start a formula is neutralised).
 */
@Component
public class LedgerExport {

    /** The rows read from the database at a time. */
    static final int BATCH = 500;

    static final List<String> HEADERS = List.of("信访件编号", "状态", "类别", "属地代码", "属地", "主办单位", "协办单位",
            "责任人", "登记时间", "当前时限", "应办日期", "重复", "集体访");

    private static final DateTimeFormatter REGISTERED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(StatutoryClock.ZONE);

    private final CaseQueries queries;
    private final CountyReference county;

    LedgerExport(CaseQueries queries, CountyReference county) {
        this.queries = queries;
        this.county = county;
    }

    /** Writes every case of the filter, in the order of the 台账 (due date of the running clock first). */
    public int write(CaseQueries.Filter filter, Instant now, Writer out) throws IOException {
        CSVPrinter printer = SpreadsheetCsv.open(out, HEADERS);
        int written = 0;
        for (int page = 0; ; page++) {
            List<CaseView> items = queries.list(filter, page, BATCH, now).items();
            for (CaseView c : items) {
                printer.printRecord(row(c));
                written++;
            }
            printer.flush();
            if (items.size() < BATCH) {
                return written;
            }
        }
    }

    private List<String> row(CaseView c) {
        List<String> row = new ArrayList<>();
        row.add(c.petitionNo());
        row.add(CaseStatus.of(c.status()).map(CaseStatus::chinese).orElse(c.status()));
        row.add(county.category(c.category()).map(CountyReference.Category::name).orElse(c.category()));
        row.add(c.divisionCode());
        row.add(divisionName(c.divisionCode()));
        row.add(name(c.lead()));
        row.add(String.join("、", c.coHandlers().stream().map(this::name).toList()));
        row.add(c.responsiblePerson());
        row.add(c.receivedAt() == null ? null : REGISTERED.format(c.receivedAt()));
        row.add(c.activeClock());
        row.add(c.nextDue() == null ? null : c.nextDue().toString());
        row.add(c.repeatOf() == null ? "否" : "是");
        row.add(c.group() ? "是" : "否");
        return row.stream().map(SpreadsheetCsv::safe).toList();
    }

    /** 东河镇 东河村, from the county's reference (the code when the county does not know it). */
    private String divisionName(String code) {
        if (code == null) {
            return null;
        }
        CountyReference.Village village = county.villages().get(code);
        return county.townshipOf(code).map(t -> village == null ? t.name() : t.name() + " " + village.name())
                .orElse(code);
    }

    private String name(String department) {
        return department == null ? null
                : county.department(department).map(CountyReference.Department::name).orElse(department);
    }
}
