package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ValueType;
import java.io.IOException;
import java.sql.Connection;

/** TEMPORARY STUB — replaced by the type-mapping work. */
public final class PgTypeRegistry {

    public static PgTypeRegistry load(Connection connection) {
        return new PgTypeRegistry();
    }

    public ValueType forOid(int oid, Connection connection) {
        return new ValueType() {
            @Override
            public String name() {
                return Integer.toString(oid);
            }

            @Override
            public void writeJson(String text, JsonGenerator out) throws IOException {
                if (oid == 23 || oid == 20 || oid == 21) {
                    out.writeNumber(text);
                } else {
                    out.writeString(text);
                }
            }
        };
    }
}
