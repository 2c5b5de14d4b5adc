package org.pestle.identity.internal.permissions;

import static org.pestle.identity.Action.ADJUST_STOCK;
import static org.pestle.identity.Action.APPROVE;
import static org.pestle.identity.Action.CANCEL_ORDER;
import static org.pestle.identity.Action.COMPOUND;
import static org.pestle.identity.Action.CORRECT_PDMP;
import static org.pestle.identity.Action.DOWNLOAD_PDMP_FILE;
import static org.pestle.identity.Action.COUNT_CONTROLLED;
import static org.pestle.identity.Action.EDIT_PATIENTS;
import static org.pestle.identity.Action.EDIT_RULES;
import static org.pestle.identity.Action.EXPORT;
import static org.pestle.identity.Action.FINAL_CHECK;
import static org.pestle.identity.Action.MANAGE_USERS;
import static org.pestle.identity.Action.ORDER;
import static org.pestle.identity.Action.ORDER_STOCK;
import static org.pestle.identity.Action.RECEIVE_STOCK;
import static org.pestle.identity.Action.MANAGE_RECALLS;
import static org.pestle.identity.Action.RECORD_PICKUP;
import static org.pestle.identity.Action.RECORD_SHIPMENT;
import static org.pestle.identity.Action.RETURN_TO_STOCK;
import static org.pestle.identity.Action.VIEW_RECALLS;
import static org.pestle.identity.Action.REFUND;
import static org.pestle.identity.Action.VIEW_AUDIT;
import static org.pestle.identity.Action.VIEW_PATIENTS;
import static org.pestle.identity.Action.VIEW_PDMP;
import static org.pestle.identity.Action.VIEW_STOCK;
import static org.pestle.identity.DataElement.CLINICAL_NOTES;
import static org.pestle.identity.DataElement.ORDER_PRICE;
import static org.pestle.identity.DataElement.PATIENT_ADDRESS;
import static org.pestle.identity.DataElement.PATIENT_ALLERGIES;
import static org.pestle.identity.DataElement.PATIENT_DATE_OF_BIRTH;
import static org.pestle.identity.DataElement.PATIENT_NAME;
import static org.pestle.identity.DataElement.PATIENT_PHONE;
import static org.pestle.identity.DataElement.PAYMENT_DETAILS;
import static org.pestle.identity.DataElement.PRESCRIBER_DEA;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.pestle.identity.Action;
import org.pestle.identity.DataElement;
import org.pestle.identity.Role;

/**
 * The shipped defaults of the permission matrix, from the design brief's table of roles. Operators
 * see identifiers only; pharmacy admins manage users, rules and audit but approve nothing. The
 * matrix in force is {@link PermissionMatrix}, filled from these on first start.
 */
final class DefaultPermissionMatrix {

    static final Map<Role, Set<DataElement>> READ = Map.of(
            Role.PHARMACIST, EnumSet.allOf(DataElement.class),
            Role.PHARMACY_TECHNICIAN, EnumSet.of(PATIENT_NAME, PATIENT_DATE_OF_BIRTH, PATIENT_PHONE, PATIENT_ALLERGIES,
                    ORDER_PRICE),
            Role.PHARMACY_ADMIN, EnumSet.of(ORDER_PRICE, PAYMENT_DETAILS, PRESCRIBER_DEA),
            Role.OPERATOR, EnumSet.noneOf(DataElement.class),
            Role.PRIVACY_OFFICER, EnumSet.allOf(DataElement.class),
            Role.PRESCRIBER, EnumSet.of(PATIENT_NAME, PATIENT_DATE_OF_BIRTH, PATIENT_PHONE, PATIENT_ADDRESS,
                    PATIENT_ALLERGIES, CLINICAL_NOTES, ORDER_PRICE, PRESCRIBER_DEA),
            Role.CLINIC_STAFF, EnumSet.of(PATIENT_NAME, PATIENT_DATE_OF_BIRTH, PATIENT_PHONE, PATIENT_ADDRESS,
                    PATIENT_ALLERGIES, ORDER_PRICE),
            Role.CLINIC_ADMIN, EnumSet.of(PATIENT_NAME, PATIENT_DATE_OF_BIRTH, PATIENT_PHONE, PATIENT_ADDRESS,
                    ORDER_PRICE, PAYMENT_DETAILS));

    static final Map<Role, Set<Action>> DO = Map.of(
            Role.PHARMACIST, EnumSet.of(APPROVE, CANCEL_ORDER, VIEW_PATIENTS, EDIT_PATIENTS, VIEW_STOCK, RECEIVE_STOCK,
                    ADJUST_STOCK, COMPOUND, FINAL_CHECK, RECORD_PICKUP, RECORD_SHIPMENT, RETURN_TO_STOCK,
                    MANAGE_RECALLS, VIEW_RECALLS, VIEW_PDMP, CORRECT_PDMP, ORDER_STOCK, COUNT_CONTROLLED),
            Role.PHARMACY_TECHNICIAN, EnumSet.of(VIEW_PATIENTS, VIEW_STOCK, RECEIVE_STOCK, COMPOUND, RECORD_PICKUP,
                    RECORD_SHIPMENT, VIEW_RECALLS, ORDER_STOCK),
            Role.PHARMACY_ADMIN, EnumSet.of(CANCEL_ORDER, REFUND, EDIT_RULES, VIEW_AUDIT, EXPORT, MANAGE_USERS,
                    VIEW_STOCK, VIEW_RECALLS, VIEW_PDMP, DOWNLOAD_PDMP_FILE, ORDER_STOCK, COUNT_CONTROLLED),
            Role.OPERATOR, EnumSet.noneOf(Action.class),
            Role.PRIVACY_OFFICER, EnumSet.of(VIEW_PATIENTS, VIEW_AUDIT, EXPORT, VIEW_RECALLS),
            Role.PRESCRIBER, EnumSet.of(ORDER, CANCEL_ORDER, VIEW_PATIENTS, EDIT_PATIENTS, VIEW_RECALLS),
            Role.CLINIC_STAFF, EnumSet.of(VIEW_PATIENTS, EDIT_PATIENTS, VIEW_RECALLS),
            Role.CLINIC_ADMIN, EnumSet.of(VIEW_PATIENTS, EDIT_PATIENTS, EXPORT, MANAGE_USERS, VIEW_RECALLS));

    private DefaultPermissionMatrix() {
    }
}
