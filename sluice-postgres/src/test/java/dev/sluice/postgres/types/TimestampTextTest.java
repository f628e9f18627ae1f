package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path agrees with the general parser wherever it answers, and declines the rest. */
class TimestampTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21 17:45:00+00", "2026-11-21 17:45:00.1+00", "2026-11-21 17:45:00.123456+00",
        "1970-01-01 00:00:00+00", "1969-12-31 23:59:59.999999+00", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00",
        "2024-02-29 12:00:00+00"})
    void commonTimestamptzAgreesWithTheGeneralParser(String text) {
        assertThat(TimestampText.utcInstant(text))
                .isEqualTo(OffsetDateTime.parse(DateTimeText.isoTimestamp(text)).toInstant());
        String local = text.substring(0, text.length() - 3);
        assertThat(TimestampText.localDateTime(local)).isEqualTo(LocalDateTime.parse(DateTimeText.isoTimestamp(local)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"infinity", "-infinity", "2026-11-21 17:45:00+05:30", "2026-11-21 17:45:00+01",
        "0044-03-15 12:00:00+00 BC", "12026-11-21 17:45:00+00", "2023-02-29 12:00:00+00", "2026-13-01 00:00:00+00",
        "2026-11-21T17:45:00+00", "2026-11-21 17:45:00.+00"})
    void otherFormsTakeTheGeneralPath(String text) {
        assertThat(TimestampText.utcInstant(text)).isNull();
    }
}
