package dev.sluice.server.config;

import dev.sluice.formats.Format;
import dev.sluice.formats.debezium.DecimalHandling;
import dev.sluice.formats.debezium.TimePrecision;
import dev.sluice.formats.registry.RegistryFailure;

/**
 * The output format settings of {@link SluiceConfig}, grouped so that the record of the whole
 * configuration stays readable.
 *
 * @param format               json, debezium-json or avro
 * @param schemaRegistryUrl    the registry's base URL (avro); null when not set
 * @param schemaRegistryUser   basic-auth user; null for none
 * @param schemaRegistryPassword basic-auth password; null for none
 * @param registryFailure      what a registry error does (avro)
 * @param debeziumSchemas      JsonConverter's {@code schemas.enable} (debezium-json)
 * @param decimalHandling      Debezium's {@code decimal.handling.mode} (debezium-json)
 * @param timePrecision        Debezium's {@code time.precision.mode} (debezium-json)
 * @param schemaChangesTopic   also write one event per table definition change to {@code <prefix>.schema-changes}
 */
public record FormatConfig(
        Format format,
        String schemaRegistryUrl,
        String schemaRegistryUser,
        String schemaRegistryPassword,
        RegistryFailure registryFailure,
        boolean debeziumSchemas,
        DecimalHandling decimalHandling,
        TimePrecision timePrecision,
        boolean schemaChangesTopic) {

    /** The defaults: Sluice's JSON, no schema-changes topic. */
    public static FormatConfig defaults() {
        return new FormatConfig(Format.JSON, null, null, null, RegistryFailure.RETRY, true, DecimalHandling.PRECISE,
                TimePrecision.ADAPTIVE, false);
    }

    /** Like the record's own, but the password is never printed. */
    @Override
    public String toString() {
        return "FormatConfig[format=" + format + ", schemaRegistryUrl=" + schemaRegistryUrl + ", schemaRegistryUser="
                + schemaRegistryUser + ", schemaRegistryPassword=" + (schemaRegistryPassword == null ? "none" : "****")
                + ", registryFailure=" + registryFailure + ", debeziumSchemas=" + debeziumSchemas + ", decimalHandling="
                + decimalHandling + ", timePrecision=" + timePrecision + ", schemaChangesTopic=" + schemaChangesTopic + "]";
    }
}
