package org.pestle.dispensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dispensing settings: the ready text's link needs the public address. */
class DispensingSettingsTests {

    @Test
    void aPublicUrlJoinsTheBaseAndThePathWithOneSlash() {
        assertThat(new DispensingSettings("Pestle Pharmacy", "https://pharmacy.example/", "").publicUrl("/p/abc"))
                .isEqualTo("https://pharmacy.example/p/abc");
    }

    @Test
    void withoutAPublicAddressTheAppDoesNotStart() {
        assertThatThrownBy(() -> new DispensingSettings("Pestle Pharmacy", " ", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PESTLE_PUBLIC_BASE_URL");
    }
}
