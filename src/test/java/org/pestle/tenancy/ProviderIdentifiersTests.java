package org.pestle.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NPI and DEA check digits, with the published values of shared/reference/identifiers.md. */
class ProviderIdentifiersTests {

    @ParameterizedTest
    @ValueSource(strings = {"1234567893", "1558598797", "1295723567", "1134296023", "1993999998"})
    void acceptsNpisWithTheirLuhnCheckDigit(String npi) {
        assertThat(ProviderIdentifiers.isValidNpi(npi)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567894", "1234567839", "123456789", "12345678933", "123456789X", "3234567893", ""})
    void refusesNpisWithAWrongDigitOrShape(String npi) {
        assertThat(ProviderIdentifiers.isValidNpi(npi)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"AP5836727, Pratt", "AB1234563, Brown", "AJ5184279, Jones", "BR1234563, Reyes", "A91234563, Acme Clinic"})
    void acceptsDeaNumbersWithTheirCheckDigitAndInitial(String dea, String lastName) {
        assertThat(ProviderIdentifiers.deaProblem(dea, lastName)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "AB4523763, Baker, has a wrong check digit",
            "AB1234564, Brown, has a wrong check digit",
            "AB1234563, Reyes, does not match the prescriber's last name (its second letter is the last name's initial)",
            "A1234563, Brown, must be two capital letters and seven digits",
            "ab1234563, Brown, must be two capital letters and seven digits",
            "AB12345637, Brown, must be two capital letters and seven digits"})
    void explainsWhatIsWrongWithADeaNumber(String dea, String lastName, String problem) {
        assertThat(ProviderIdentifiers.deaProblem(dea, lastName)).hasValue(problem);
    }
}
