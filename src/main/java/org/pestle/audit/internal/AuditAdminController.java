package org.pestle.audit.internal;

import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.identity.Action;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail's admin API: verification of the chain. Requires {@link Action#VIEW_AUDIT}. */
@RestController
@RequestMapping("/api/admin/audit")
class AuditAdminController {

    private final AuditRecords audit;
    private final Permissions permissions;

    AuditAdminController(AuditRecords audit, Permissions permissions) {
        this.audit = audit;
        this.permissions = permissions;
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        permissions.require(CurrentActor.require(), Action.VIEW_AUDIT);
        return audit.verify();
    }
}
