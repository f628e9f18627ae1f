package dev.sluice.formats.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Confluent wire-format records the way an Avro consumer does, with plain Apache Avro: a
 * zero magic byte, the writer schema's id (4 bytes, big-endian) fetched from the registry over
 * HTTP ({@code GET /schemas/ids/{id}}), then the binary datum, resolved against a reader schema
 * (the writer's, or e.g. the latest version). Logical types come back as Java values
 * ({@code BigDecimal}, {@code LocalDate}, {@code Instant}, …).
 */
public final class ConfluentAvro {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI registry;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final GenericData model = new GenericData();

    public ConfluentAvro(URI registry) {
        this(registry, null, null);
    }

    /** A reader that authenticates to the registry with basic auth. */
    public ConfluentAvro(URI registry, String user, String password) {
        this.registry = registry;
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    /** The record, read with its writer schema. */
    public GenericRecord read(byte[] bytes) {
        return read(bytes, null);
    }

    /** The record, resolved to {@code reader} (null: the writer schema). */
    public GenericRecord read(byte[] bytes, Schema reader) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != 0) {
            throw new IllegalArgumentException("not the Confluent wire format: magic byte " + bytes[0]);
        }
        Schema writer = schemaOf(buffer.getInt());
        try {
            GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>(writer, reader == null ? writer : reader, model);
            return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema id a record was written with. */
    public static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    public Schema schemaOf(int id) {
        return schemas.computeIfAbsent(id, this::fetch);
    }

    private Schema fetch(int id) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve("/schemas/ids/" + id)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry answered " + response.statusCode() + " for schema id " + id);
            }
            return new Schema.Parser().parse(JSON.readTree(response.body()).path("schema").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The record as JSON text (Avro's own rendering), for modules that should not import Avro. */
    public String readAsJson(byte[] bytes) {
        return read(bytes).toString();
    }
}
