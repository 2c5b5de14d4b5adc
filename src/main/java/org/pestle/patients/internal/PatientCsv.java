package org.pestle.patients.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Patients as CSV (RFC 4180, through Jackson's CSV module) with the columns the reader may see.
 * Free-text cells that a spreadsheet would take for a formula get a leading apostrophe (OWASP's
 * advice on CSV injection); phone numbers and dates are validated forms and stay as they are.
 */
final class PatientCsv implements AutoCloseable {

    /** Quotes only where RFC 4180 needs it (commas, quotes, line breaks), not every value with a '-' or '+'. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final List<String> columns;
    private final Set<PatientField> fields;
    private final SequenceWriter out;

    PatientCsv(Writer writer, Set<PatientField> fields) throws IOException {
        this.fields = fields;
        this.columns = columns(fields);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        this.out = CSV.writerFor(Map.class).with(schema.build()).writeValues(writer);
    }

    static List<String> columns(Set<PatientField> fields) {
        List<String> columns = new ArrayList<>(List.of("id", "clinicId"));
        for (PatientField field : PatientField.values()) {
            if (fields.contains(field)) {
                columns.add(field.jsonName());
            }
        }
        columns.addAll(List.of("createdAt", "updatedAt"));
        return columns;
    }

    void write(PatientRecord p) throws IOException {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", p.id().toString());
        row.put("clinicId", p.clinicId().toString());
        put(row, PatientField.FIRST_NAME, text(p.firstName()));
        put(row, PatientField.LAST_NAME, text(p.lastName()));
        put(row, PatientField.DATE_OF_BIRTH, p.dateOfBirth() == null ? "" : p.dateOfBirth().toString());
        put(row, PatientField.PHONE, p.phone() == null ? "" : p.phone());
        put(row, PatientField.ADDRESS, p.address() == null ? "" : text(p.address().oneLine()));
        put(row, PatientField.ALLERGIES, p.allergies() == null ? "" : text(String.join("; ", p.allergies())));
        put(row, PatientField.CLINICAL_NOTES, text(p.clinicalNotes()));
        row.put("createdAt", p.createdAt().toString());
        row.put("updatedAt", p.updatedAt().toString());
        out.write(row);
    }

    private void put(Map<String, String> row, PatientField field, String value) {
        if (fields.contains(field)) {
            row.put(field.jsonName(), value);
        }
    }

    /** A free-text cell, defused if a spreadsheet would evaluate it. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** Ends the CSV and flushes it; the response itself stays open until the export is recorded. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
