package dev.sluice.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte writer must write exactly what Jackson (configured as the encoders configure it) writes. */
class JsonBytesTest {

    private static final JsonFactory JACKSON = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    @Test
    void everyCharacterOfTheBasicPlaneIsEscapedAsJacksonEscapesIt() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (char c = (char) (Character.MAX_SURROGATE + 1); c != 0; c++) {
            all.append(c);
        }
        assertSame(all.toString());
        for (int c = 0; c < 0x800; c++) {
            assertSame("a" + (char) c + "b");
        }
    }

    @Test
    void astralCharactersAreFourByteUtf8AndLoneSurrogatesAreRefused() throws IOException {
        assertSame("emoji \uD83D\uDE00 and \uD800\uDC00 \uDBFF\uDFFF");
        assertThat(write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThatThrownBy(() -> new JsonBytes(4).writeString("x\uD800y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void randomStringsOfEveryLengthMatchAndTheBufferGrows() throws IOException {
        Random random = new Random(42);
        JsonBytes out = new JsonBytes(1);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                int kind = random.nextInt(10);
                text.append(kind < 6 ? (char) (0x20 + random.nextInt(0x60)) : kind < 8 ? (char) random.nextInt(0x20)
                        : kind < 9 ? (char) (0x80 + random.nextInt(0x700)) : '\\');
            }
            out.reset();
            out.writeString(text.toString());
            assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(jackson(text.toString()));
        }
    }

    @Test
    void charsAndNumbersAndRawTextAreWrittenAsIs() throws IOException {
        JsonBytes out = new JsonBytes(2);
        char[] iso = "x2024-02-29T13:45:00Zx".toCharArray();
        out.writeString(iso, 1, iso.length - 2);
        out.writeAscii(',');
        out.writeString("tab\there".toCharArray(), 0, 8);
        out.writeAscii(',');
        for (long n : new long[] {0, 7, -7, 10, 99, 100, 1_763_777_777_777L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.writeNumber(n);
            out.writeAscii(',');
        }
        out.writeRaw("{\"ü\":[1,2]}");
        out.writeAscii(',');
        out.writeNull();
        out.writeBoolean(true);
        out.writeBoolean(false);
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("\"2024-02-29T13:45:00Z\",\"tab\\there\","
                + "0,7,-7,10,99,100,1763777777777,9223372036854775807,-9223372036854775808,{\"ü\":[1,2]},nulltruefalse");
    }

    @Test
    void theGeneratorWritesIntoTheSameBufferAndIsReplacedAfterAFailure() throws IOException {
        JsonBytes out = new JsonBytes(4);
        out.writeAscii('[');
        out.throughGenerator(generator -> {
            generator.writeStartObject();
            generator.writeStringField("k", "v");
            generator.writeEndObject();
        });
        out.writeAscii(',');
        JsonGenerator[] failed = new JsonGenerator[1];
        assertThatThrownBy(() -> out.throughGenerator(generator -> {
            failed[0] = generator;
            generator.writeStartArray();
            throw new IllegalStateException("a value the rendering refuses");
        })).isInstanceOf(IllegalStateException.class);
        out.throughGenerator(generator -> {
            assertThat(generator).as("a new generator after a failure").isNotSameAs(failed[0]);
            generator.writeNumber(5);
        });
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[{\"k\":\"v\"},5");
    }

    private static void assertSame(String text) throws IOException {
        assertThat(write(text)).isEqualTo(jackson(text));
    }

    private static String write(String text) {
        JsonBytes out = new JsonBytes(8);
        out.writeString(text);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String jackson(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            generator.writeString(text);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
