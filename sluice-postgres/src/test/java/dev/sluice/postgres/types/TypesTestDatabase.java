package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.core.encode.JsonBytes;
import dev.sluice.core.event.ValueType;
import dev.sluice.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What the type tests share: connections opened the way Sluice opens them (session settings as
 * options, then applied), rendering through a UTF-8 generator like the encoders', and a JSON
 * reader that keeps every digit and every scale, as a careful consumer would.
 */
final class TypesTestDatabase {

    static final JsonMapper EXACT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(200_000).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** As the encoders configure it: astral characters as 4-byte UTF-8, not as escaped surrogate pairs. */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private TypesTestDatabase() {
    }

    static Connection connect(String database) throws SQLException {
        TestPostgres pg = TestPostgres.shared();
        Properties properties = new Properties();
        properties.setProperty("user", pg.user());
        properties.setProperty("password", pg.password());
        properties.setProperty("options", PgSessionSettings.connectionOptions());
        Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database, properties);
        PgSessionSettings.apply(connection);
        return connection;
    }

    /**
     * The JSON a type writes for {@code text}, as the encoders produce it (UTF-8 bytes). Written both
     * ways, through a Jackson generator (the Debezium encoder's path) and straight into bytes (the
     * native encoder's): they must agree byte for byte, or both refuse the text.
     */
    static String render(ValueType type, String text) {
        String direct;
        try {
            JsonBytes out = new JsonBytes(16);
            type.writeJson(text, out);
            direct = new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException refused) {
            assertThatThrownBy(() -> throughGenerator(type, text)).as("the generator refuses %s too", text)
                    .isInstanceOf(refused.getClass()).hasMessage(refused.getMessage());
            throw refused;
        }
        assertThat(direct).as("straight into bytes = through a generator, for %s", text).isEqualTo(throughGenerator(type, text));
        return direct;
    }

    private static String throughGenerator(ValueType type, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            type.writeJson(text, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static JsonNode parse(String json) {
        try {
            return EXACT.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
