package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NDCs as printed become the 11-digit 5-4-2 form (../shared/reference/identifiers.md, published examples). */
class NdcTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0002-7597-01, 00002759701",
            "50242-040-62, 50242004062",
            "60575-4112-1, 60575411201",
            "0574-4072-05, 00574407205",
            "51655-089-52, 51655008952",
            "58118-1397-3, 58118139703",
            "1234-5678-90, 01234567890",
            "12345-678-90, 12345067890",
            "12345-6789-0, 12345678900",
            "0009-3124-03, 00009312403",
            "68382-805-01, 68382080501",
            "62795-4006-9, 62795400609",
            "00591-0369-01, 00591036901",
            "00591036901, 00591036901"})
    void normalizesEveryTenDigitConfigurationToElevenDigits(String printed, String eleven) {
        assertThat(Ndc.parse(printed).digits()).isEqualTo(eleven);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6984238038", "4125038038"})
    void refusesATenDigitNdcWithoutDashesSinceItsConfigurationCannotBeTold(String printed) {
        assertThatThrownBy(() -> Ndc.parse(printed)).isInstanceOf(Ndc.InvalidNdc.class)
                .hasMessageContaining("cannot be converted to 11 digits").hasMessageNotContaining(printed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1234-567-89", "1234-567-8", "1234-5678-9", "12345-67-890", "abcde-1234-12",
            "12345-1234-123", "00000-0000-00", "12345-0000-12", "123456789012", "123456-7890-12", "0002 7597 01"})
    void refusesWhatIsNoNdcWithoutRepeatingIt(String printed) {
        assertThatThrownBy(() -> Ndc.parse(printed)).isInstanceOf(Ndc.InvalidNdc.class)
                .satisfies(e -> {
                    if (!printed.isBlank()) {
                        assertThat(e.getMessage()).doesNotContain(printed);
                    }
                });
    }

    @ParameterizedTest
    @CsvSource({"00002759701, 00002-7597-01", "50242004062, 50242-0040-62"})
    void printsTheElevenDigitFormAsFiveFourTwo(String digits, String formatted) {
        assertThat(new Ndc(digits).formatted()).isEqualTo(formatted);
    }
}
