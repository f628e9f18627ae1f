package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ValueKind;
import java.io.IOException;

/**
 * An array type: its literal read by {@link ArrayLiteral}, elements rendered by {@code element}
 * and separated by the element type's {@code delimiter} ({@code typdelim}). A column's type
 * modifier belongs to the element ({@code numeric(10,2)[]}).
 */
record ArrayType(String name, PgValueType element, char delimiter) implements PgValueType {

    @Override
    public void writeJson(String text, JsonGenerator out) throws IOException {
        ArrayLiteral.write(text, element, delimiter, out);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.ARRAY;
    }

    @Override
    public Object toJava(String text) {
        return ArrayElements.read(text, element, delimiter);
    }

    @Override
    public PgValueType named(String newName) {
        return new ArrayType(newName, element, delimiter);
    }

    @Override
    public PgValueType withModifier(int typmod) {
        return typmod < 0 ? this : new ArrayType(name, element.withModifier(typmod), delimiter);
    }
}
