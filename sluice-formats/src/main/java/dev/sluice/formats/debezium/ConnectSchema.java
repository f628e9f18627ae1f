package dev.sluice.formats.debezium;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect schema as Kafka's {@code JsonConverter} writes it under {@code schemas.enable}:
 * {@code type}, then {@code items} or {@code fields}, {@code optional}, {@code name},
 * {@code version}, {@code doc}, {@code parameters}, {@code default}, and {@code field} for a
 * struct's field, in that order, so that Sluice's bytes match the converter's. Sluice writes the
 * JSON itself because Connect's types belong in no runtime module (see STYLE.md).
 *
 * @param type         {@code int32}, {@code string}, {@code struct}, ... as JsonConverter names them
 * @param name         the logical name, e.g. {@code io.debezium.time.MicroTimestamp}; null for none
 * @param version      null for none
 * @param doc          null for none
 * @param parameters   in order; empty for none
 * @param fields       a struct's fields; empty otherwise
 * @param items        an array's element schema; null otherwise
 * @param defaultText  the default as a JSON string value; null for none
 */
record ConnectSchema(String type, boolean optional, String name, Integer version, String doc,
        Map<String, String> parameters, List<Field> fields, ConnectSchema items, String defaultText) {

    /** One field of a struct. */
    record Field(String name, ConnectSchema schema) {
    }

    static ConnectSchema of(String type) {
        return new ConnectSchema(type, false, null, null, null, Map.of(), List.of(), null, null);
    }

    static ConnectSchema named(String type, String name, Integer version) {
        return new ConnectSchema(type, false, name, version, null, Map.of(), List.of(), null, null);
    }

    static ConnectSchema struct(String name, Integer version, List<Field> fields) {
        return new ConnectSchema("struct", false, name, version, null, Map.of(), List.copyOf(fields), null, null);
    }

    static ConnectSchema array(ConnectSchema items) {
        return new ConnectSchema("array", false, null, null, null, Map.of(), List.of(), items, null);
    }

    ConnectSchema optional(boolean isOptional) {
        return new ConnectSchema(type, isOptional, name, version, doc, parameters, fields, items, defaultText);
    }

    ConnectSchema withParameters(Map<String, String> newParameters) {
        return new ConnectSchema(type, optional, name, version, doc, newParameters, fields, items, defaultText);
    }

    ConnectSchema withDoc(String newDoc) {
        return new ConnectSchema(type, optional, name, version, newDoc, parameters, fields, items, defaultText);
    }

    ConnectSchema withDefault(String text) {
        return new ConnectSchema(type, optional, name, version, doc, parameters, fields, items, text);
    }

    /** Writes the schema; {@code fieldName} non-null when it is a struct's field. */
    void write(JsonGenerator out, String fieldName) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", type);
        if (items != null) {
            out.writeFieldName("items");
            items.write(out, null);
        }
        if (type.equals("struct")) {
            out.writeArrayFieldStart("fields");
            for (Field field : fields) {
                field.schema().write(out, field.name());
            }
            out.writeEndArray();
        }
        out.writeBooleanField("optional", optional);
        if (name != null) {
            out.writeStringField("name", name);
        }
        if (version != null) {
            out.writeNumberField("version", version);
        }
        if (doc != null) {
            out.writeStringField("doc", doc);
        }
        if (!parameters.isEmpty()) {
            out.writeObjectFieldStart("parameters");
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                out.writeStringField(parameter.getKey(), parameter.getValue());
            }
            out.writeEndObject();
        }
        if (defaultText != null) {
            out.writeStringField("default", defaultText);
        }
        if (fieldName != null) {
            out.writeStringField("field", fieldName);
        }
        out.writeEndObject();
    }
}
