package org.petitionbridge.console.pages;

import java.util.ArrayList;
import java.util.Comparator;
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
 * 预警: risk's warnings, open ones first and the most urgent level first, with the actions on them (签收 naming the
 * 包案人, 化解办结 with the measures, 撤销 with a reason). Who may see and act on a warning is risk's decision.
 */
@Controller
class WarningsPage {

    /** The body field each action of risk's WarningAction takes. */
    private static final Map<String, String> FIELD = Map.of("ACKNOWLEDGE", "person", "RESOLVE", "measures",
            "DISMISS", "reason");
    private static final List<String> LEVELS = List.of("RED", "ORANGE", "YELLOW");

    /** A refused action, to show its text again in its form. */
    record Failed(String id, String action, String text) {
    }

    private final Api api;

    WarningsPage(Api api) {
        this.api = api;
    }

    @GetMapping("/warnings")
    String warnings(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", done);
        return page(model);
    }

    /** The form's fields are named as risk's NewAction names them: person, measures, reason. */
    @PostMapping("/warnings/{id:[0-9a-fA-F-]+}/act")
    String act(@PathVariable String id, @RequestParam String action, @RequestParam Map<String, String> form,
            Model model, RedirectAttributes redirect) {
        String field = FIELD.get(action);
        String text = field == null ? null : form.get(field);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (field != null) {
            body.put(field, text);
        }
        try {
            api.post(Api.Service.RISK, "/api/v1/warnings/" + id + "/actions", body);
        } catch (Api.ApiProblem problem) {
            model.addAttribute("problem", problem);
            model.addAttribute("failed", new Failed(id, action, text));
            return page(model);
        }
        redirect.addAttribute("done", action);
        return "redirect:/warnings";
    }

    private String page(Model model) {
        List<Map<String, Object>> all = new ArrayList<>(api.getList(Api.Service.RISK, "/api/v1/warnings", Map.of()));
        // open first, then RED, ORANGE, YELLOW; within a level risk's order (the most recently changed first)
        all.sort(Comparator.comparing((Map<String, Object> w) -> !isOpen(w)).thenComparingInt(WarningsPage::level));
        model.addAttribute("warnings", all);
        model.addAttribute("openCount", all.stream().filter(WarningsPage::isOpen).count());
        model.addAttribute("projects", projects(all));
        return "warnings";
    }

    /** The names of the projects the warnings are about (project id to name); none when risk does not say. */
    private Map<String, String> projects(List<Map<String, Object>> warnings) {
        Map<String, String> names = new LinkedHashMap<>();
        if (warnings.stream().anyMatch(w -> w.get("projectId") != null)) {
            try {
                api.getList(Api.Service.RISK, "/api/v1/projects", Map.of())
                        .forEach(p -> names.put(String.valueOf(p.get("id")), String.valueOf(p.get("name"))));
            } catch (Api.ApiProblem notShown) {
                // the id stands in for the name
            }
        }
        return names;
    }

    private static boolean isOpen(Map<String, Object> warning) {
        return List.of("OPEN", "ACKNOWLEDGED").contains(String.valueOf(warning.get("status")));
    }

    private static int level(Map<String, Object> warning) {
        int i = LEVELS.indexOf(String.valueOf(warning.get("level")));
        return i < 0 ? LEVELS.size() : i;
    }
}
