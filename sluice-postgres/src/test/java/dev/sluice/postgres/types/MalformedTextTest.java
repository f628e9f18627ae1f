package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that PostgreSQL does not print under Sluice's settings is refused, never guessed at: the
 * renderers parse or throw, and the message does not quote the value (it may be personal data).
 */
class MalformedTextTest {

    private static final PgValueType INT4 = new ScalarType("int4", TextRendering.NUMBER);

    static Stream<Arguments> malformed() {
        return Stream.of(
                scalar(TextRendering.BOOLEAN, "true"),
                scalar(TextRendering.BOOLEAN, ""),
                scalar(TextRendering.NUMBER, "1."),
                scalar(TextRendering.NUMBER, ".5"),
                scalar(TextRendering.NUMBER, "01"),
                scalar(TextRendering.NUMBER, "1e"),
                scalar(TextRendering.NUMBER, "nan"),
                scalar(TextRendering.NUMBER, ""),
                scalar(TextRendering.BYTEA, "\\x0"),
                scalar(TextRendering.BYTEA, "\\x0g"),
                scalar(TextRendering.BYTEA, "a\\b"),
                scalar(TextRendering.DATE, "2024-2-29"),
                scalar(TextRendering.DATE, "29/02/2024"),
                scalar(TextRendering.DATE, "2024-02-29 BCE"),
                scalar(TextRendering.DATE, ""),
                scalar(TextRendering.TIMESTAMP, "2024-02-29"),
                scalar(TextRendering.TIMESTAMP, "2024-02-29T13:45:00"),
                scalar(TextRendering.TIMESTAMP, "2024-02-29 13:45"),
                scalar(TextRendering.TIMESTAMP, "2024-02-29 13:45:00+5"),
                scalar(TextRendering.TIMESTAMP, "2024-02-29 13:45:00+05:3"),
                scalar(TextRendering.TIME, "13:45"),
                scalar(TextRendering.TIME, "13:45:00 +05"),
                scalar(TextRendering.TIME, "13:45:00+05-30"),
                scalar(TextRendering.HSTORE, "\"a\""),
                scalar(TextRendering.HSTORE, "\"a\"=>"),
                scalar(TextRendering.HSTORE, "\"a\"=>\"b\" \"c\"=>\"d\""),
                scalar(TextRendering.HSTORE, "\"a\"=>\"b"),
                scalar(TextRendering.HSTORE, "a\"b=>c"),
                scalar(TextRendering.VECTOR, "1  2"),
                scalar(TextRendering.VECTOR, "1 x"),
                array(""),
                array("{1,2"),
                array("{1,2}x"),
                array("{\"a}"),
                array("1,2"),
                array("{1;2}"),
                array("{1,,2}"),
                array("{1,a\"b}"),
                array("[0:1]{1,2}"),
                array("[a:1]={1}"),
                array("[99999999999:1]={1}"),
                array("{{1},{2}"));
    }

    private static Arguments scalar(TextRendering rendering, String text) {
        return Arguments.of(new ScalarType(rendering.name().toLowerCase(java.util.Locale.ROOT), rendering), text);
    }

    private static Arguments array(String text) {
        return Arguments.of(new ArrayType("_int4", INT4, ','), text);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("malformed")
    void refusesTextPostgresDoesNotPrint(PgValueType type, String text) {
        assertThatThrownBy(() -> TypesTestDatabase.render(type, text))
                .isInstanceOf(MalformedValueException.class)
                .hasMessageStartingWith("malformed ")
                .satisfies(e -> {
                    if (text.length() > 4) {
                        org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain(text);
                    }
                });
    }
}
