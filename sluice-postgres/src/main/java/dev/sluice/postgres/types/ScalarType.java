package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A type whose values are rendered by one {@link TextRendering}: every type but arrays. */
record ScalarType(String name, TextRendering rendering) implements PgValueType {

    @Override
    public void writeJson(String text, JsonGenerator out) throws IOException {
        rendering.write(text, out);
    }

    @Override
    public PgValueType named(String newName) {
        return new ScalarType(newName, rendering);
    }
}
