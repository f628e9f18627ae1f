package dev.sluice.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonBytes;
import java.io.IOException;
import java.util.List;

/**
 * A column's type, able to render the database's text form of a value as lossless JSON, and to
 * describe itself to encoders that need a schema.
 *
 * <p>Values travel through the pipeline as the text the database printed (the same text for
 * snapshot and stream), and are converted once, at encoding time. Implementations live with the
 * source that knows the types (e.g. PostgreSQL's type mapping) and must be thread-safe and
 * comparable with {@code equals} (two columns of the same declared type have equal types).
 *
 * <p>The descriptive methods have defaults that describe an opaque type ({@link ValueKind#OTHER},
 * its values their text), so a type that knows nothing more stays correct.
 */
public interface ValueType {

    /** The type's name as the database reports it, e.g. {@code int4}, {@code _text}, {@code public.mood}. */
    String name();

    /** Writes {@code text} (never null: nulls are written by the caller) as one JSON value. */
    void writeJson(String text, JsonGenerator out) throws IOException;

    /**
     * Writes {@code text} (never null) as one JSON value straight into {@code out}: the native JSON
     * encoder's path. The default goes through {@link #writeJson(String, JsonGenerator)}; a type
     * overrides it where writing bytes directly is worth it.
     */
    default void writeJson(String text, JsonBytes out) throws IOException {
        out.throughGenerator(generator -> writeJson(text, generator));
    }

    /** What the values are, for encoders that need a schema. */
    default ValueKind kind() {
        return ValueKind.OTHER;
    }

    /**
     * What the column declares beyond the type, -1 when nothing: the precision (total digits) of a
     * {@code numeric(p,s)}, the fractional-second digits of a time, timestamp or interval
     * ({@code timestamp(3)}), the length of a {@code varchar(n)}, {@code char(n)} or {@code bit(n)}.
     */
    default int precision() {
        return -1;
    }

    /** The scale of a {@code numeric(p,s)}; -1 when the column declares none (any scale). */
    default int scale() {
        return -1;
    }

    /** The element type of an {@link ValueKind#ARRAY}; null for other kinds. */
    default ValueType element() {
        return null;
    }

    /** The labels of an {@link ValueKind#ENUM}, in their declared order; empty for other kinds. */
    default List<String> labels() {
        return List.of();
    }

    /**
     * {@code text} (never null) as a Java value of the class {@link #kind()} names. Allocates:
     * meant for encoders with a schema, not for the JSON hot path.
     *
     * @throws RuntimeException (a fatal {@link dev.sluice.core.error.SluiceException} from the
     *         source's type mapping) if the text is not a value of this type
     */
    default Object toJava(String text) {
        return text;
    }
}
