package org.petitionbridge.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.console.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 分办: the petitions waiting for the bureau (routing's triage list), routing's preview of one of them, and the
 * manual assignment (人工分办). Who may see the list and who may assign is routing's decision.
 */
@Controller
class TriagePage {

    /** What was filled in an assignment form, to show it again beside a refusal (or routing's preview to start from). */
    record AssignForm(String petitionNo, String lead, List<String> coHandlers, String reason) {
    }

    private final Api api;

    TriagePage(Api api) {
        this.api = api;
    }

    @GetMapping("/triage")
    String triage(@RequestParam(required = false) String preview, @RequestParam(required = false) String done,
            Model model) {
        List<Map<String, Object>> entries = waiting(model);
        model.addAttribute("done", done);
        entries.stream().filter(e -> e.get("petitionNo").equals(preview)).findFirst()
                .ifPresent(entry -> preview(entry, model));
        return "triage";
    }

    @PostMapping("/triage/assign")
    String assign(@RequestParam String petitionNo, @RequestParam(required = false) String lead,
            @RequestParam(required = false) List<String> coHandlers, @RequestParam(required = false) String reason,
            Model model, RedirectAttributes redirect) {
        List<String> co = coHandlers == null ? List.of()
                : coHandlers.stream().filter(c -> c != null && !c.isBlank()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("petitionNo", petitionNo);
        body.put("lead", lead == null || lead.isBlank() ? null : lead);
        body.put("coHandlers", co);
        body.put("reason", reason);
        try {
            api.post(Api.Service.ROUTING, "/api/v1/routing/assignments", body);
        } catch (Api.ApiProblem problem) {
            model.addAttribute("problem", problem);
            model.addAttribute("form", new AssignForm(petitionNo, lead, co, reason));
            waiting(model);
            return "triage";
        }
        redirect.addAttribute("done", petitionNo);
        return "redirect:/triage";
    }

    private List<Map<String, Object>> waiting(Model model) {
        List<Map<String, Object>> entries = api.getList(Api.Service.ROUTING, "/api/v1/routing/triage",
                Api.query("limit", 500));
        model.addAttribute("entries", entries);
        return entries;
    }

    /**
     * Routing's preview for the petition as the ledger registered it (its content and the department it complains
     * about), or from the triage entry alone when the ledger does not answer. A refusal is shown in the preview's
     * place.
     */
    private void preview(Map<String, Object> entry, Model model) {
        String no = entry.get("petitionNo").toString();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("divisionCode", entry.get("divisionCode"));
        request.put("category", entry.get("category"));
        request.put("subject", entry.get("subject"));
        try {
            Map<String, Object> registered = api.getObject(Api.Service.LEDGER, "/api/v1/cases/" + no, Map.of());
            request.put("content", registered.get("content"));
            if (registered.get("complainedAgainstDepartment") != null) {
                request.put("complainedAgainst", Map.of("department", registered.get("complainedAgainstDepartment")));
            }
        } catch (Api.ApiProblem notInLedger) {
            // the subject alone: routing decided from it too before the ledger said anything of the petition
        }
        model.addAttribute("previewNo", no);
        try {
            Map<String, Object> decision = api.post(Api.Service.ROUTING, "/api/v1/routing/preview", request);
            model.addAttribute("preview", decision);
            if (decision != null && decision.get("lead") != null && !Boolean.TRUE.equals(decision.get("triage"))) {
                @SuppressWarnings("unchecked")
                List<String> co = (List<String>) decision.getOrDefault("coHandlers", List.of());
                model.addAttribute("form", new AssignForm(no, decision.get("lead").toString(), co, null));
            }
        } catch (Api.ApiProblem refused) {
            model.addAttribute("problem", refused);
        }
    }
}
