package dev.sluice.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A column's type, able to render the database's text form of a value as lossless JSON.
 *
 * <p>Values travel through the pipeline as the text the database printed (the same text for
 * snapshot and stream), and are converted once, at encoding time. Implementations live with the
 * source that knows the types (e.g. PostgreSQL's type mapping) and must be thread-safe.
 */
public interface ValueType {

    /** The type's name as the database reports it, e.g. {@code int4}, {@code _text}, {@code public.mood}. */
    String name();

    /** Writes {@code text} (never null: nulls are written by the caller) as one JSON value. */
    void writeJson(String text, JsonGenerator out) throws IOException;
}
