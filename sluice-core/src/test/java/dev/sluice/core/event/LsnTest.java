package dev.sluice.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @Test
    void parsesAndPrintsPostgresForm() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("FFFFFFFF/FFFFFFFF").compareTo(Lsn.parse("0/1"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "16", "/1", "1/", "x/1", "1/2/3", "100000000/0", "-1/0"})
    void rejectsAnythingElseInsteadOfReturningASentinel(String text) {
        assertThatThrownBy(() -> Lsn.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LSN");
    }
}
