package org.pestle.pdmp.internal.asap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pestle.pdmp.internal.asap.AsapFile.Dispensation;
import org.pestle.pdmp.internal.asap.AsapFile.Header;
import org.pestle.pdmp.internal.asap.AsapFile.Ingredient;
import org.pestle.pdmp.internal.asap.AsapFile.Patient;
import org.pestle.pdmp.internal.asap.AsapFile.Pharmacy;
import org.pestle.pdmp.internal.asap.AsapFile.Prescriber;

/** The file for a known set of dispenses, element by element against the ASAP 4.2 tables. */
class AsapFileTests {

    static final Header HEADER = new Header("4.2", "PDMP-20261203-1", LocalDateTime.of(2026, 12, 4, 6, 0, 5), true,
            "1543210987", "Pestle Compounding Pharmacy");
    static final Pharmacy PHARMACY = new Pharmacy("1543210987", "0512345", "FP4829151", "Pestle Compounding Pharmacy",
            "100 Main St", "", "Springfield", "IL", "62701", "2175550100", "PIC Pharmacist");
    static final Patient PATIENT = new Patient("Testperson", "Alex", "", "1 Elm St", "Apt 2", "Springfield", "IL",
            "62704", "2175550111", LocalDate.of(1980, 2, 29), "U");
    static final Prescriber PRESCRIBER = new Prescriber("1234567893", "BR1234563", "", "Reyes", "Dana", "");

    static Dispensation compound(String status, Patient patient) {
        return new Dispensation(patient, status, "2847-1", LocalDate.of(2026, 12, 1), 2, LocalDate.of(2026, 12, 2), 0,
                "06", "99999KETTROCHE", new BigDecimal("30.000"), 30, "01", "05", "1987654328", "01",
                LocalDate.of(2026, 12, 3), PRESCRIBER, List.of(
                        new Ingredient("00409123401", new BigDecimal("0.45"), "03"),
                        new Ingredient("12345067809", new BigDecimal("12.5"), "02")));
    }

    @Test
    void writesEverySegmentInOrderWithCountsAndMatchingControlNumbers() {
        String file = AsapFile.report(HEADER, PHARMACY, List.of(compound("00", PATIENT)));
        List<List<String>> segments = AsapFile.parse(file);

        assertThat(segments).extracting(s -> s.get(0))
                .containsExactly("TH", "IS", "PHA", "PAT", "DSP", "PRE", "CDI", "CDI", "TP", "TT");
        assertThat(segments.get(0)).containsExactly("TH", "4.2", "PDMP-20261203-1", "01", "", "20261204", "060005", "P",
                "", "~");
        assertThat(file).startsWith("TH*4.2*PDMP-20261203-1*01**20261204*060005*P**~~\r\n");
        assertThat(segments.get(1)).containsExactly("IS", "1543210987", "Pestle Compounding Pharmacy", "");
        assertThat(segments.get(2)).containsExactly("PHA", "1543210987", "0512345", "FP4829151",
                "Pestle Compounding Pharmacy", "100 Main St", "", "Springfield", "IL", "62701", "2175550100",
                "PIC Pharmacist", "");
        // PAT: 23 elements; 07 last, 08 first, 12-16 address, 18 date of birth CCYYMMDD, 19 gender, 20 species 01 human
        assertThat(segments.get(3)).hasSize(24);
        assertThat(segments.get(3).subList(7, 9)).containsExactly("Testperson", "Alex");
        assertThat(segments.get(3).subList(12, 17)).containsExactly("1 Elm St", "Apt 2", "Springfield", "IL", "62704");
        assertThat(segments.get(3).get(17)).isEqualTo("2175550111");
        assertThat(segments.get(3).get(18)).isEqualTo("19800229");
        assertThat(segments.get(3).get(19)).isEqualTo("U");
        assertThat(segments.get(3).get(20)).isEqualTo("01");
        // DSP: 21 elements
        assertThat(segments.get(4)).containsExactly("DSP", "00", "2847-1", "20261201", "2", "20261202", "0", "06",
                "99999KETTROCHE", "30", "30", "01", "05", "00", "1987654328", "", "01", "20261203", "", "", "", "");
        assertThat(segments.get(5)).containsExactly("PRE", "1234567893", "BR1234563", "", "", "Reyes", "Dana", "", "");
        // CDI per ingredient: sequence, 01 NDC, NDC, metric decimal quantity, units (03 g, 02 mL)
        assertThat(segments.get(6)).containsExactly("CDI", "1", "01", "00409123401", "0.45", "03");
        assertThat(segments.get(7)).containsExactly("CDI", "2", "01", "12345067809", "12.5", "02");
        // TP01 counts PHA through TP (PHA PAT DSP PRE CDI CDI TP = 7); TT01 = TH02; TT02 every segment (10)
        assertThat(segments.get(8)).containsExactly("TP", "7");
        assertThat(segments.get(9)).containsExactly("TT", "PDMP-20261203-1", "10");
        assertThat(file).endsWith("TT*PDMP-20261203-1*10~\r\n");
    }

    @Test
    void countsEveryPatientBlockOfSeveralDispensations() {
        String file = AsapFile.report(HEADER, PHARMACY, List.of(compound("00", PATIENT), compound("01", PATIENT),
                compound("02", PATIENT)));
        List<List<String>> segments = AsapFile.parse(file);
        assertThat(segments).hasSize(2 + 1 + 3 * 5 + 1 + 1);
        assertThat(segments.get(segments.size() - 2)).containsExactly("TP", String.valueOf(1 + 3 * 5 + 1));
        assertThat(segments.get(segments.size() - 1)).containsExactly("TT", "PDMP-20261203-1",
                String.valueOf(segments.size()));
        assertThat(segments).filteredOn(s -> s.get(0).equals("DSP")).extracting(s -> s.get(1))
                .containsExactly("00", "01", "02");
    }

    @Test
    void writesAZeroReportForOneDay() {
        String file = AsapFile.zeroReport(HEADER, PHARMACY, LocalDate.of(2026, 12, 3));
        List<List<String>> segments = AsapFile.parse(file);
        assertThat(segments).extracting(s -> s.get(0))
                .containsExactly("TH", "IS", "PHA", "PAT", "DSP", "PRE", "CDI", "AIR", "TP", "TT");
        assertThat(segments.get(1).get(3)).isEqualTo("#20261203#-#20261203#");
        assertThat(segments.get(3)).hasSize(24);
        assertThat(segments.get(3).get(7)).isEqualTo("REPORT");
        assertThat(segments.get(3).get(8)).isEqualTo("ZERO");
        assertThat(segments.get(3).stream().skip(9).filter(v -> !v.isEmpty())).isEmpty();
        assertThat(segments.get(4).get(1)).isEqualTo("00");
        assertThat(segments.get(4).get(5)).isEqualTo("20261203");
        assertThat(segments.get(5)).hasSize(9).allMatch(v -> v.equals("PRE") || v.isEmpty());
        assertThat(segments.get(8)).containsExactly("TP", "7");
        assertThat(segments.get(9)).containsExactly("TT", "PDMP-20261203-1", "10");
    }

    @Test
    void replacesDelimitersInsideValuesAndCutsToTheElementLength() {
        Patient starred = new Patient("O*Brien~Smith", "A".repeat(60), "", "1 Elm St", "", "Springfield", "IL", "62704",
                "", LocalDate.of(1980, 1, 1), "F");
        List<List<String>> segments = AsapFile.parse(AsapFile.report(HEADER, PHARMACY, List.of(compound("00", starred))));
        assertThat(segments.get(3)).hasSize(24);
        assertThat(segments.get(3).get(7)).isEqualTo("O?Brien?Smith");
        assertThat(segments.get(3).get(8)).hasSize(50);
        assertThat(AsapFile.clean("x".repeat(40), 35)).hasSize(35);
    }

    @Test
    void refusesAReportWithoutDispensations() {
        assertThatThrownBy(() -> AsapFile.report(HEADER, PHARMACY, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
