package org.pestle.tenancy.internal;

import java.util.UUID;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives every process instance the Camunda tenant of its clinic (the clinic code), from its
 * {@code clinicId} variable; called processes inherit their caller's. Camunda's tenant check then
 * shows clinic-side users in Tasklist and Cockpit only their clinics' instances and tasks.
 */
@Component
class ClinicTenantIds extends AbstractProcessEnginePlugin implements TenantIdProvider {

    static final String CLINIC_ID = "clinicId";

    private final Clinics clinics;

    ClinicTenantIds(@Lazy Clinics clinics) {
        this.clinics = clinics;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (context.getSuperExecution() != null) {
            return context.getSuperExecution().getTenantId();
        }
        Object clinicId = context.getVariables().get(CLINIC_ID);
        if (clinicId == null) {
            return null;
        }
        return clinics.find(UUID.fromString(clinicId.toString())).map(Clinic::code)
                .orElseThrow(() -> new IllegalArgumentException("No clinic " + clinicId));
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        return context.getExecution() == null ? null : context.getExecution().getTenantId();
    }
}
