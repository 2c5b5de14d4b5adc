package org.pestle.patients.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.patients.PatientChanged;
import org.pestle.patients.PatientCreated;
import org.pestle.patients.PatientViewed;
import org.pestle.patients.PatientsExported;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.patients.internal.PatientRequests.NewPatient;
import org.pestle.patients.internal.PatientRequests.PatientChanges;
import org.pestle.patients.internal.PatientRequests.PatientSearch;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patient records on behalf of a user: the permission matrix decides which actions the user may
 * take and which data elements they see (the others are never decrypted), the user's clinics bound
 * what they find, and every disclosure and change is published for the audit trail.
 */
@Service
class PatientRecords {

    static final int SEARCH_LIMIT = 50;
    static final int EXPORT_PAGE = 1000;

    private static final Logger log = LoggerFactory.getLogger(PatientRecords.class);

    private final PatientRows rows;
    private final Permissions permissions;
    private final Clinics clinics;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    PatientRecords(PatientRows rows, Permissions permissions, Clinics clinics, ApplicationEventPublisher events,
            JdbcClient jdbc) {
        this.rows = rows;
        this.permissions = permissions;
        this.clinics = clinics;
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * Creates a patient at one of the user's clinics, unless the clinic already has a patient with
     * the same name and date of birth (409 naming that patient's id).
     */
    @Transactional
    PatientView create(Actor actor, NewPatient request) {
        permissions.require(actor, Action.EDIT_PATIENTS);
        requireMayWrite(actor, fieldsOf(request));
        Clinic clinic = clinics.find(request.clinicId()).filter(c -> actor.canAccessClinic(c.id()))
                .orElseThrow(() -> ApiProblem.invalidField("clinicId", "is not a clinic you may add patients to"));
        PatientRecord patient = new PatientRecord(UUID.randomUUID(), clinic.organizationId(), clinic.id(),
                request.firstName().strip(), request.lastName().strip(), LocalDate.parse(request.dateOfBirth()),
                request.phone(), request.address() == null ? null : request.address().toAddress(),
                cleanList(request.allergies()), PatientRequests.strip(request.clinicalNotes()), null, null, 0);
        Snapshot keys = rows.keysForWriting();
        rejectDuplicate(keys, patient);
        rows.insert(keys, patient, actor.username());
        events.publishEvent(new PatientCreated(actor.username(), patient.id(), clinic.id()));
        Stored stored = rows.find(patient.id()).orElseThrow();
        return PatientView.of(PatientCodec.open(rows.keysForReading(), stored, readable(actor)));
    }

    /** The patient as the user may see it; empty when it does not exist or is not in the user's clinics. */
    @Transactional
    Optional<PatientView> read(Actor actor, UUID patientId) {
        permissions.require(actor, Action.VIEW_PATIENTS);
        return rows.find(patientId).filter(row -> actor.canAccessClinic(row.clinicId()))
                .map(row -> disclose(actor, row, readable(actor)));
    }

    /** Applies the changes (merge patch) and returns the patient as the user may see it. */
    @Transactional
    Optional<PatientView> update(Actor actor, UUID patientId, PatientChanges changes) {
        permissions.require(actor, Action.EDIT_PATIENTS);
        requireMayWrite(actor, fieldsOf(changes));
        Optional<Stored> locked = rows.lock(patientId).filter(row -> actor.canAccessClinic(row.clinicId()));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        PatientRecord current = PatientCodec.open(rows.keysForReading(), locked.get(), PatientField.DESIGNATED);
        PatientRecord next = apply(current, changes);
        Set<DataElement> changed = changedElements(current, next);
        if (!changed.isEmpty()) {
            rows.update(rows.keysForWriting(), next);
            events.publishEvent(new PatientChanged(actor.username(), patientId, current.clinicId(), changed));
        }
        return Optional.of(disclose(actor, rows.find(patientId).orElseThrow(), readable(actor)));
    }

    /**
     * Patients matching every criterion, through the blind index: the criteria are hashed with each
     * organization's salt in the user's scope, never compared in plaintext by the database.
     */
    @Transactional
    SearchResult search(Actor actor, PatientSearch search) {
        permissions.require(actor, Action.VIEW_PATIENTS);
        Set<PatientField> criteria = criteria(search);
        requireMayRead(actor, criteria);
        Scope scope = scope(actor, search.clinicId());
        Snapshot keys = rows.keysForReading();
        List<byte[]> nameTokens = null;
        List<byte[]> dateOfBirthTokens = null;
        List<byte[]> phoneTokens = null;
        LocalDate dateOfBirth = search.dateOfBirth() == null ? null : LocalDate.parse(search.dateOfBirth());
        if (criteria.contains(PatientField.FIRST_NAME)) {
            nameTokens = new ArrayList<>();
            for (UUID org : scope.organizations()) {
                nameTokens.addAll(keys.tokens(IndexTerm.name(org, search.firstName(), search.lastName())));
            }
        }
        if (dateOfBirth != null) {
            dateOfBirthTokens = new ArrayList<>();
            for (UUID org : scope.organizations()) {
                dateOfBirthTokens.addAll(keys.tokens(IndexTerm.dateOfBirth(org, dateOfBirth)));
            }
        }
        if (search.phone() != null) {
            phoneTokens = new ArrayList<>();
            for (UUID org : scope.organizations()) {
                phoneTokens.addAll(keys.tokens(IndexTerm.phone(org, search.phone())));
            }
        }
        if (scope.organizations().isEmpty()) {
            return new SearchResult(List.of(), false);
        }
        Set<PatientField> fields = readable(actor);
        List<PatientView> found = new ArrayList<>();
        boolean truncated = false;
        for (Stored row : rows.findByTokens(nameTokens, dateOfBirthTokens, phoneTokens, scope.clinics(),
                SEARCH_LIMIT + 1)) {
            PatientRecord patient = PatientCodec.open(keys, row, fields);
            if (!matches(patient, search, dateOfBirth)) {
                continue;
            }
            if (found.size() == SEARCH_LIMIT) {
                truncated = true;
                break;
            }
            events.publishEvent(new PatientViewed(actor.username(), row.id(), row.clinicId(), elements(fields)));
            found.add(PatientView.of(patient));
        }
        return new SearchResult(found, truncated);
    }

    /**
     * Writes the patients of the user's clinics (or of one of them) as CSV, with the columns the user
     * may read. The export is recorded with the ids of the patients actually written, also when the
     * client goes away halfway.
     */
    @Transactional
    void export(Actor actor, Optional<UUID> clinicId, ExportTarget target) {
        permissions.require(actor, Action.EXPORT);
        permissions.require(actor, Action.VIEW_PATIENTS);
        Scope scope = scope(actor, clinicId.orElse(null));
        Set<PatientField> fields = readable(actor);
        Snapshot keys = rows.keysForReading();
        List<UUID> written = new ArrayList<>();
        try {
            PatientCsv csv = new PatientCsv(target.open(), fields);
            Optional<UUID> after = Optional.empty();
            List<Stored> page;
            do {
                page = rows.page(scope.clinics(), after, EXPORT_PAGE);
                for (Stored row : page) {
                    csv.write(PatientCodec.open(keys, row, fields));
                    written.add(row.id());
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
            } while (page.size() == EXPORT_PAGE);
            csv.close();
        } catch (IOException clientGone) {
            log.info("Patient export by {} ended early after {} rows: {}", actor.username(), written.size(),
                    clientGone.getClass().getSimpleName());
        } finally {
            events.publishEvent(new PatientsExported(actor.username(), scope.clinics().orElse(Set.of()), written,
                    elements(fields)));
        }
    }

    /** Where an export goes; opened only once the user is known to be allowed. */
    @FunctionalInterface
    interface ExportTarget {
        Writer open() throws IOException;
    }

    /**
     * A page of search results.
     *
     * @param items the patients found, as the user may see them
     * @param truncated more matched than one answer holds; narrow the search
     */
    record SearchResult(List<PatientView> items, boolean truncated) {
    }

    /**
     * Whose patients a request may reach.
     *
     * @param clinics the clinics, or empty for every clinic (pharmacy-side users)
     * @param organizations the organizations of those clinics (one blind-index salt each)
     */
    private record Scope(Optional<Set<UUID>> clinics, Set<UUID> organizations) {
    }

    private Scope scope(Actor actor, UUID clinicId) {
        if (clinicId != null) {
            Clinic clinic = clinics.find(clinicId).filter(c -> actor.canAccessClinic(c.id()))
                    .orElseThrow(() -> ApiProblem.invalidField("clinicId", "is not a clinic you may see"));
            return new Scope(Optional.of(Set.of(clinic.id())), Set.of(clinic.organizationId()));
        }
        if (actor.pharmacySide()) {
            return new Scope(Optional.empty(),
                    clinics.all().stream().map(Clinic::organizationId).collect(Collectors.toSet()));
        }
        Set<UUID> mine = actor.clinicIds();
        return new Scope(Optional.of(mine), clinics.all().stream().filter(c -> mine.contains(c.id()))
                .map(Clinic::organizationId).collect(Collectors.toSet()));
    }

    private PatientView disclose(Actor actor, Stored row, Set<PatientField> fields) {
        PatientRecord patient = PatientCodec.open(rows.keysForReading(), row, fields);
        events.publishEvent(new PatientViewed(actor.username(), row.id(), row.clinicId(), elements(fields)));
        return PatientView.of(patient);
    }

    /**
     * Duplicate check under a lock on the clinic and the name and date-of-birth tokens, so two
     * concurrent requests for the same person cannot both pass.
     */
    private void rejectDuplicate(Snapshot keys, PatientRecord patient) {
        IndexTerm name = IndexTerm.name(patient.organizationId(), patient.firstName(), patient.lastName());
        IndexTerm dateOfBirth = IndexTerm.dateOfBirth(patient.organizationId(), patient.dateOfBirth());
        HexFormat hex = HexFormat.of();
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(patient.clinicId() + ":" + hex.formatHex(keys.token(name)) + ":"
                        + hex.formatHex(keys.token(dateOfBirth)))
                .query().singleRow();
        Set<PatientField> compared = EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME,
                PatientField.DATE_OF_BIRTH);
        for (Stored row : rows.findByTokens(keys.tokens(name), keys.tokens(dateOfBirth), null,
                Optional.of(Set.of(patient.clinicId())), 10)) {
            PatientRecord existing = PatientCodec.open(keys, row, compared);
            if (sameName(existing.firstName(), existing.lastName(), patient.firstName(), patient.lastName())
                    && existing.dateOfBirth().equals(patient.dateOfBirth())) {
                throw ApiProblem.conflict("duplicate-patient", "Patient " + row.id()
                        + " of this clinic has the same name and date of birth");
            }
        }
    }

    private static boolean matches(PatientRecord p, PatientSearch search, LocalDate dateOfBirth) {
        return (search.firstName() == null
                        || sameName(p.firstName(), p.lastName(), search.firstName(), search.lastName()))
                && (dateOfBirth == null || dateOfBirth.equals(p.dateOfBirth()))
                && (search.phone() == null || search.phone().strip().equals(p.phone()));
    }

    private static boolean sameName(String first, String last, String otherFirst, String otherLast) {
        return IndexTerm.normalizeName(first + " " + last).equals(IndexTerm.normalizeName(otherFirst + " " + otherLast));
    }

    private static Set<PatientField> criteria(PatientSearch search) {
        List<FieldError> errors = new ArrayList<>();
        Set<PatientField> criteria = EnumSet.noneOf(PatientField.class);
        boolean first = search.firstName() != null && !search.firstName().isBlank();
        boolean last = search.lastName() != null && !search.lastName().isBlank();
        if (first && last) {
            criteria.add(PatientField.FIRST_NAME);
            criteria.add(PatientField.LAST_NAME);
        } else if (first) {
            errors.add(new FieldError("lastName", "is needed with firstName (the full name is matched)"));
        } else if (last) {
            errors.add(new FieldError("firstName", "is needed with lastName (the full name is matched)"));
        }
        if (search.dateOfBirth() != null) {
            criteria.add(PatientField.DATE_OF_BIRTH);
        }
        if (search.phone() != null) {
            criteria.add(PatientField.PHONE);
        }
        if (criteria.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("phone", "give a phone number, a date of birth or a full name"));
        }
        if (!errors.isEmpty()) {
            throw validation(errors);
        }
        return criteria;
    }

    private static ApiProblem validation(List<FieldError> errors) {
        return PatientRequests.ApiProblem400.of(errors);
    }

    private static PatientRecord apply(PatientRecord p, PatientChanges c) {
        return new PatientRecord(p.id(), p.organizationId(), p.clinicId(),
                c.firstName() == null ? p.firstName() : c.firstName().get().strip(),
                c.lastName() == null ? p.lastName() : c.lastName().get().strip(),
                c.dateOfBirth() == null ? p.dateOfBirth() : LocalDate.parse(c.dateOfBirth().get()),
                c.phone() == null ? p.phone() : c.phone().orElse(null),
                c.address() == null ? p.address() : c.address().map(PatientRequests.AddressInput::toAddress).orElse(null),
                c.allergies() == null ? p.allergies() : c.allergies().map(PatientRecords::cleanList).orElse(null),
                c.clinicalNotes() == null ? p.clinicalNotes() : c.clinicalNotes().map(PatientRequests::strip).orElse(null),
                p.createdAt(), p.updatedAt(), p.version());
    }

    private static Set<DataElement> changedElements(PatientRecord a, PatientRecord b) {
        Set<DataElement> changed = EnumSet.noneOf(DataElement.class);
        if (!Objects.equals(a.firstName(), b.firstName()) || !Objects.equals(a.lastName(), b.lastName())) {
            changed.add(DataElement.PATIENT_NAME);
        }
        if (!Objects.equals(a.dateOfBirth(), b.dateOfBirth())) {
            changed.add(DataElement.PATIENT_DATE_OF_BIRTH);
        }
        if (!Objects.equals(a.phone(), b.phone())) {
            changed.add(DataElement.PATIENT_PHONE);
        }
        if (!Objects.equals(a.address(), b.address())) {
            changed.add(DataElement.PATIENT_ADDRESS);
        }
        if (!Objects.equals(a.allergies(), b.allergies())) {
            changed.add(DataElement.PATIENT_ALLERGIES);
        }
        if (!Objects.equals(a.clinicalNotes(), b.clinicalNotes())) {
            changed.add(DataElement.CLINICAL_NOTES);
        }
        return changed;
    }

    private static List<String> cleanList(List<String> values) {
        return values == null ? null : values.stream().map(String::strip).toList();
    }

    private static Set<PatientField> fieldsOf(NewPatient p) {
        Set<PatientField> fields = EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME,
                PatientField.DATE_OF_BIRTH);
        addIf(fields, PatientField.PHONE, p.phone());
        addIf(fields, PatientField.ADDRESS, p.address());
        addIf(fields, PatientField.ALLERGIES, p.allergies());
        addIf(fields, PatientField.CLINICAL_NOTES, p.clinicalNotes());
        return fields;
    }

    private static Set<PatientField> fieldsOf(PatientChanges c) {
        Set<PatientField> fields = EnumSet.noneOf(PatientField.class);
        addIf(fields, PatientField.FIRST_NAME, c.firstName());
        addIf(fields, PatientField.LAST_NAME, c.lastName());
        addIf(fields, PatientField.DATE_OF_BIRTH, c.dateOfBirth());
        addIf(fields, PatientField.PHONE, c.phone());
        addIf(fields, PatientField.ADDRESS, c.address());
        addIf(fields, PatientField.ALLERGIES, c.allergies());
        addIf(fields, PatientField.CLINICAL_NOTES, c.clinicalNotes());
        return fields;
    }

    private static void addIf(Set<PatientField> fields, PatientField field, Object value) {
        if (value != null) {
            fields.add(field);
        }
    }

    /** The fields whose data element the user's roles may read. */
    Set<PatientField> readable(Actor actor) {
        Set<PatientField> fields = EnumSet.noneOf(PatientField.class);
        for (PatientField field : PatientField.values()) {
            if (permissions.canRead(actor, field.element())) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** Writing a field takes the right to read it: nobody sets what they may not see. */
    private void requireMayWrite(Actor actor, Set<PatientField> fields) {
        requireMayRead(actor, fields);
    }

    private void requireMayRead(Actor actor, Set<PatientField> fields) {
        List<FieldError> errors = fields.stream().filter(f -> !permissions.canRead(actor, f.element()))
                .map(f -> new FieldError(f.jsonName(), "your role may not read or set this field")).toList();
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden-field", "Forbidden",
                    "Your role may not use these fields: "
                            + errors.stream().map(FieldError::field).collect(Collectors.joining(", ")), errors);
        }
    }

    private static Set<DataElement> elements(Set<PatientField> fields) {
        Set<DataElement> elements = EnumSet.noneOf(DataElement.class);
        fields.forEach(f -> elements.add(f.element()));
        return elements;
    }
}
