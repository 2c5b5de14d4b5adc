package org.pestle.inventory.internal.expiry;

import org.pestle.identity.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The expiry list for pharmacy staff. */
@RestController
class ExpiryController {

    private final ExpiryWatch watch;

    ExpiryController(ExpiryWatch watch) {
        this.watch = watch;
    }

    @GetMapping("/api/inventory/expiry")
    ExpiryWatch.ExpiryList list() {
        return watch.list(CurrentActor.require());
    }
}
