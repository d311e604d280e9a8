package org.petitionbridge.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.console.ActionForms;
import org.petitionbridge.console.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A case: its facts, its history as a timeline, and the forms of the actions the ledger says this person's department
 * may take now. A refused action is shown with the rule's Chinese text, beside the form that was sent. Reading the
 * petitioners' identity asks for the purpose and says that the read is recorded (intake's audit names the person).
 * A case the person may not see answers as the API does: not found.
 */
@Controller
class CasePage {

    private final Api api;

    CasePage(Api api) {
        this.api = api;
    }

    @GetMapping("/cases/{petitionNo}")
    String show(@PathVariable String petitionNo, @RequestParam(required = false) String done, Model model) {
        if (done != null) {
            model.addAttribute("notice", "已办理：" + ActionForms.label(done));
        }
        return render(petitionNo, model);
    }

    @PostMapping("/cases/{petitionNo}/act")
    String act(@PathVariable String petitionNo, @RequestParam Map<String, String> form, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (!k.equals("_csrf") && v != null && !v.isBlank()) {
                body.put(k, k.equals("days") ? parseDays(v) : v);
            }
        });
        try {
            api.post(Api.Service.LEDGER, "/api/v1/cases/" + petitionNo + "/actions", body);
        } catch (Api.ApiProblem refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            model.addAttribute("problem", refused);
            model.addAttribute("sent", form);
            return render(petitionNo, model);
        }
        return "redirect:/cases/" + petitionNo + "?done=" + form.get("type");
    }

    @PostMapping("/cases/{petitionNo}/identity")
    String identity(@PathVariable String petitionNo, @RequestParam(required = false) String purpose, Model model) {
        try {
            model.addAttribute("identity", api.getObject(Api.Service.INTAKE,
                    "/api/v1/petitions/" + petitionNo + "/petitioners", Api.query("purpose", purpose)));
        } catch (Api.ApiProblem refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            model.addAttribute("identityProblem", refused);
        }
        return render(petitionNo, model);
    }

    private String render(String petitionNo, Model model) {
        Map<String, Object> kase = api.getObject(Api.Service.LEDGER, "/api/v1/cases/" + petitionNo, Map.of());
        List<Map<String, Object>> history = api.getList(Api.Service.LEDGER,
                "/api/v1/cases/" + petitionNo + "/history", Map.of());
        Object actions = api.get(Api.Service.LEDGER, "/api/v1/cases/" + petitionNo + "/actions", Map.of());
        model.addAttribute("kase", kase);
        model.addAttribute("history", history);
        model.addAttribute("forms", ActionForms.of(actions instanceof List<?> types ? types : List.of()));
        return "case";
    }

    private static Object parseDays(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return v;   // the ledger says what is wrong with it
        }
    }
}
