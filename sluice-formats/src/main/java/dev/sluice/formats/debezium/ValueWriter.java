package dev.sluice.formats.debezium;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one non-null value (as {@link dev.sluice.core.event.ValueType#toJava} returns it) in Debezium's form. */
@FunctionalInterface
interface ValueWriter {
    void write(JsonGenerator out, Object value) throws IOException;
}
