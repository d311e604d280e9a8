package org.petitionbridge.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.petitionbridge.console.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Registration of a visit, letter or call at the reception hall (登记). The form is sent to intake as it is; intake's
 * problem details are shown beside their fields (a petitioner's field as {@code petitioners[0].phone}), and nothing is
 * registered until intake accepts the whole form.
 */
@Controller
class RegisterPage {

    private final Api api;

    RegisterPage(Api api) {
        this.api = api;
    }

    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("sent", Map.of("channel", "VISIT", "idempotencyKey", UUID.randomUUID().toString()));
        return "register";
    }

    @PostMapping("/register")
    String register(@RequestParam Map<String, String> form, Model model) {
        Map<String, Object> petition = new LinkedHashMap<>();
        put(petition, "channel", form.get("channel"));
        put(petition, "divisionCode", form.get("divisionCode"));
        put(petition, "category", form.get("category"));
        put(petition, "subject", form.get("subject"));
        put(petition, "content", form.get("content"));
        if (form.get("groupSize") != null && !form.get("groupSize").isBlank()) {
            petition.put("groupSize", number(form.get("groupSize")));
        }
        Map<String, Object> person = new LinkedHashMap<>();
        put(person, "name", form.get("name"));
        put(person, "idNumber", form.get("idNumber"));
        put(person, "phone", form.get("phone"));
        put(person, "address", form.get("address"));
        petition.put("petitioners", person.isEmpty() ? List.of() : List.of(person));
        try {
            // The form's key, made when it was shown: sending it again (a refresh, a double click) registers nothing
            // new; intake answers with the petition the first sending registered.
            String key = form.get("idempotencyKey");
            Map<String, Object> registered = api.post(Api.Service.INTAKE, "/api/v1/petitions", petition,
                    key == null || key.isBlank() ? Map.of() : Map.of("Idempotency-Key", key));
            model.addAttribute("registered", registered);
            model.addAttribute("sent", Map.of("channel", form.getOrDefault("channel", "VISIT"),
                    "idempotencyKey", UUID.randomUUID().toString()));
            return "register";
        } catch (Api.ApiProblem refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            model.addAttribute("problem", refused);
            model.addAttribute("sent", form);
            return "register";
        }
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    private static Object number(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return v;   // intake says what is wrong with it
        }
    }
}
