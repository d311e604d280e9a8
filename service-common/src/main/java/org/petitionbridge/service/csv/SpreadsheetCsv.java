package org.petitionbridge.service.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV that opens cleanly in Excel and WPS, the same in every service that exports a list (the ledger's 台账, risk's
 * 矛盾纠纷 ledger and statistics): written by Apache Commons CSV, UTF-8 with a byte-order mark, CRLF line ends, every
 * cell quoted, and a cell that would start a formula neutralised (CSV injection).
 */
public final class SpreadsheetCsv {

    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setQuoteMode(QuoteMode.ALL)
            .setRecordSeparator("\r\n").get();

    private SpreadsheetCsv() {
    }

    /** Writes the byte-order mark and the header row (plain names: nothing in them needs quoting). */
    public static CSVPrinter open(Writer out, List<String> headers) throws IOException {
        out.write('\uFEFF');
        out.write(String.join(",", headers) + "\r\n");
        return new CSVPrinter(out, FORMAT);
    }

    /** A leading =, +, - or @ is neutralised, so that a spreadsheet never runs a cell as a formula. */
    public static String safe(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
