package org.pestle.recall.internal;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The recall process's variables: identifiers and codes only, never patient data. */
final class RecallVariables {

    /** The recall (process-wide). */
    static final String RECALL_ID = "recallId";
    /** The recall class, {@code I}, {@code II}, {@code III} or empty. */
    static final String CLASSIFICATION = "classification";
    /** The patient of one instance of SubProcess_ContactPatient. */
    static final String PATIENT_ID = "patientId";
    /** From decisions/recall-response.dmn: an ISO duration, how soon the contact is due. */
    static final String CONTACT_DUE = "contactDue";
    static final String CALL_AS_WELL = "callAsWell";
    static final String PRESCRIBER_FIRST = "prescriberFirst";
    /** Whether any recalled lot holds stock to return or destroy. */
    static final String STOCK_ON_HAND = "stockOnHand";
    /** The pharmacist's coded outcome of a contact ({@link org.pestle.recall.ContactOutcome}). */
    static final String CONTACT_OUTCOME = "contactOutcome";
    /** The pharmacist's choice for the stock ({@link org.pestle.inventory.Stock.Removal}). */
    static final String STOCK_REMOVAL = "stockRemoval";

    private RecallVariables() {
    }

    static UUID recallId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(RECALL_ID));
    }

    static UUID patientId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(PATIENT_ID));
    }
}
