package org.pestle.patients.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pestle.identity.CurrentActor;
import org.pestle.patients.internal.PatientRecords.SearchResult;
import org.pestle.patients.internal.PatientRequests.NewPatient;
import org.pestle.patients.internal.PatientRequests.PatientChanges;
import org.pestle.patients.internal.PatientRequests.PatientSearch;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient API. Patient data travels only in bodies: search terms are POSTed, never put in a
 * URL; URLs carry ids. Responses are not to be cached.
 */
@RestController
@RequestMapping("/api/patients")
class PatientController {

    private final PatientRecords records;
    private final ObjectMapper json;
    private final Validator validator;

    PatientController(PatientRecords records, ObjectMapper json, Validator validator) {
        this.records = records;
        this.json = json;
        this.validator = validator;
    }

    @PostMapping
    ResponseEntity<PatientView> create(@Valid @RequestBody NewPatient patient) {
        PatientView created = records.create(CurrentActor.require(), patient);
        return ResponseEntity.created(URI.create("/api/patients/" + created.id()))
                .cacheControl(CacheControl.noStore()).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<PatientView> get(@PathVariable String id) {
        return noStore(parse(id).flatMap(patientId -> records.read(CurrentActor.require(), patientId))
                .orElseThrow(() -> ApiProblem.notFound("Patient", id)));
    }

    /** A JSON merge patch: fields left out stay, fields set to null are cleared. */
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<PatientView> update(@PathVariable String id, @RequestBody JsonNode patch) {
        PatientChanges changes = PatientChanges.from(patch, json);
        List<FieldError> errors = validator.validate(changes).stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
        if (!errors.isEmpty()) {
            throw PatientRequests.ApiProblem400.of(errors);
        }
        return noStore(parse(id).flatMap(patientId -> records.update(CurrentActor.require(), patientId, changes))
                .orElseThrow(() -> ApiProblem.notFound("Patient", id)));
    }

    @PostMapping("/search")
    ResponseEntity<SearchResult> search(@Valid @RequestBody PatientSearch search) {
        return noStore(records.search(CurrentActor.require(), search));
    }

    /** CSV of the patients of the user's clinics, or of one of them. */
    @GetMapping("/export")
    void export(@RequestParam Optional<UUID> clinicId, HttpServletResponse response) {
        records.export(CurrentActor.require(), clinicId, () -> {
            response.setContentType("text/csv");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"patients-" + LocalDate.now() + ".csv\"");
            return response.getWriter();
        });
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
