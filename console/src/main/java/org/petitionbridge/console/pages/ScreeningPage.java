package org.petitionbridge.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.console.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 排查调处: the screening rounds, who has reported in a round (横向到边, 纵向到底), and the round's 矛盾纠纷 ledger
 * with the actions on its issues. Who may act on an issue is risk's decision; this page offers the actions its status
 * allows.
 */
@Controller
class ScreeningPage {

    /**
     * The actions risk's DisputeAction table allows from each status, in the table's order. CLOSE and REOPEN are
     * the bureau's; every action but CLOSE takes a note.
     */
    static final Map<String, List<String>> ACTIONS = Map.of(
            "OPEN", List.of("PROGRESS", "RESOLVE", "STABILIZE", "ESCALATE"),
            "IN_PROGRESS", List.of("PROGRESS", "RESOLVE", "STABILIZE", "ESCALATE"),
            "ESCALATED", List.of("PROGRESS", "RESOLVE", "STABILIZE"),
            "STABILIZED", List.of("RESOLVE", "ESCALATE", "REOPEN"),
            "RESOLVED", List.of("CLOSE", "REOPEN"),
            "CLOSED", List.of("REOPEN"));

    /** A refused action, to show its note again in its form. */
    record Failed(String id, String action, String note) {
    }

    private final Api api;

    ScreeningPage(Api api) {
        this.api = api;
    }

    @GetMapping("/screening")
    String screening(@RequestParam(required = false) String round, @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", done);
        return page(round, model);
    }

    @PostMapping("/screening/disputes/{id:[0-9a-fA-F-]+}/act")
    String act(@PathVariable String id, @RequestParam String action, @RequestParam(required = false) String note,
            @RequestParam(required = false) String round, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (!"CLOSE".equals(action)) {
            body.put("note", note);
        }
        try {
            api.post(Api.Service.RISK, "/api/v1/disputes/" + id + "/actions", body);
        } catch (Api.ApiProblem problem) {
            model.addAttribute("problem", problem);
            model.addAttribute("failed", new Failed(id, action, note));
            return page(round, model);
        }
        if (round != null && !round.isBlank()) {
            redirect.addAttribute("round", round);
        }
        redirect.addAttribute("done", action);
        return "redirect:/screening";
    }

    /** The rounds, and the one asked for (the newest by default) with its coverage and its ledger. */
    private String page(String round, Model model) {
        List<Map<String, Object>> rounds = api.getList(Api.Service.RISK, "/api/v1/screening/rounds", Map.of());
        model.addAttribute("rounds", rounds);
        model.addAttribute("actions", ACTIONS);
        // only a round of the list is asked about (newest first), so no text of the request goes into a path
        Map<String, Object> selected = round == null || round.isBlank()
                ? rounds.stream().findFirst().orElse(null)
                : rounds.stream().filter(r -> round.equals(r.get("id"))).findFirst().orElse(null);
        model.addAttribute("unknownRound", round != null && !round.isBlank() && selected == null);
        if (selected != null) {
            String id = selected.get("id").toString();
            model.addAttribute("round", selected);
            model.addAttribute("coverage",
                    api.getObject(Api.Service.RISK, "/api/v1/screening/rounds/" + id + "/coverage", Map.of()));
            model.addAttribute("disputes", api.getList(Api.Service.RISK, "/api/v1/disputes", Api.query("round", id)));
        }
        return "screening";
    }
}
