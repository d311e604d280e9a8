package org.petitionbridge.console.pages;

import java.util.Map;

import org.petitionbridge.console.Api;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The 台账: the ledger's list with its filters, overdue rows in red and rows due within three days in amber, and the
 * whole filtered list as the ledger's own spreadsheet. A department's officer sees its own cases only, because the
 * ledger answers the officer's token so.
 */
@Controller
class CasesPage {

    private final Api api;

    CasesPage(Api api) {
        this.api = api;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/cases";
    }

    @GetMapping("/cases")
    String cases(@RequestParam Map<String, String> filters, Model model) {
        Map<String, Object> page = api.getObject(Api.Service.LEDGER, "/api/v1/cases", query(filters, true));
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("csvQuery", csvQuery(filters));
        return "cases";
    }

    /** The whole filtered 台账 as the ledger writes it (UTF-8 with BOM, Chinese headers). */
    @GetMapping("/cases.csv")
    ResponseEntity<byte[]> csv(@RequestParam Map<String, String> filters) {
        byte[] csv = api.csv(Api.Service.LEDGER, "/api/v1/cases", query(filters, false));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"taizhang.csv\"").body(csv);
    }

    private static Map<String, Object> query(Map<String, String> f, boolean paged) {
        Map<String, Object> q = Api.query("department", f.get("department"), "status", f.get("status"),
                "category", f.get("category"), "divisionPrefix", f.get("divisionPrefix"),
                "overdue", f.get("overdue"), "group", f.get("group"), "repeat", f.get("repeat"),
                "from", f.get("from"), "to", f.get("to"));
        if (paged) {
            q.put("page", f.getOrDefault("page", "0"));
            q.put("size", "50");
        }
        return q;
    }

    /** The filters as the CSV link's query (the page left out: the spreadsheet is the whole filtered 台账). */
    private static String csvQuery(Map<String, String> f) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        f.forEach((k, v) -> {
            if (!k.equals("page") && v != null && !v.isBlank()) {
                b.queryParam(k, v);
            }
        });
        return b.encode().build().toUriString();
    }
}
