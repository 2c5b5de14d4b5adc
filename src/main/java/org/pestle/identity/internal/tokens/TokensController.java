package org.pestle.identity.internal.tokens;

import java.time.Duration;
import java.util.UUID;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.internal.signin.SecuritySettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page where a signed-in user creates and revokes their API tokens. */
@Controller
class TokensController {

    private final ApiTokens tokens;
    private final SecuritySettings settings;

    TokensController(ApiTokens tokens, SecuritySettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @GetMapping("/console/tokens")
    String page(Model model) {
        Actor actor = CurrentActor.require();
        model.addAttribute("tokens", tokens.of(actor.userId()));
        model.addAttribute("maxDays", settings.apiTokenMaxLifetime().toDays());
        return "tokens";
    }

    @PostMapping("/console/tokens")
    String create(@RequestParam String name, @RequestParam int days, Model model) {
        Actor actor = CurrentActor.require();
        if (name.isBlank() || days < 1 || days > settings.apiTokenMaxLifetime().toDays()) {
            model.addAttribute("error", "Give the token a name and a validity of 1 to "
                    + settings.apiTokenMaxLifetime().toDays() + " days.");
        } else {
            model.addAttribute("newToken", tokens.create(actor.userId(), name, Duration.ofDays(days)));
        }
        return page(model);
    }

    @PostMapping("/console/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        tokens.revoke(CurrentActor.require().userId(), id);
        return "redirect:/console/tokens";
    }
}
