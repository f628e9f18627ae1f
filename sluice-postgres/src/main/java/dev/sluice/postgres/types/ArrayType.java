package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * An array type: its literal read by {@link ArrayLiteral}, elements rendered by {@code element}
 * and separated by the element type's {@code delimiter} ({@code typdelim}).
 */
record ArrayType(String name, PgValueType element, char delimiter) implements PgValueType {

    @Override
    public void writeJson(String text, JsonGenerator out) throws IOException {
        ArrayLiteral.write(text, element, delimiter, out);
    }

    @Override
    public PgValueType named(String newName) {
        return new ArrayType(newName, element, delimiter);
    }
}
