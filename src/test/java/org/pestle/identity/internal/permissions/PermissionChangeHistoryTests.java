package org.pestle.identity.internal.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionChangeHistoryTests {

    @Test
    void readsTheRecordedGrantsAsItems() {
        assertThat(PermissionMatrix.items("read=[ORDER_PRICE, PATIENT_NAME] do=[EXPORT]"))
                .containsExactly("read ORDER_PRICE", "read PATIENT_NAME", "do EXPORT");
    }

    @Test
    void readsAnEmptyGrantAsNoItems() {
        assertThat(PermissionMatrix.items("read=[] do=[]")).isEmpty();
    }
}
