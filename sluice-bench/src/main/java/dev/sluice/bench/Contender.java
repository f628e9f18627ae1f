package dev.sluice.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Everything the benchmark measures, by the name used on the command line and in the results.
 * The parent process decides which contenders run in a workload; the child process looks up how to
 * run one by its name. A closed set: the report's ratios need to know which entry is the limit,
 * which is Debezium and which is Sluice.
 */
public enum Contender {

    PG_RECVLOGICAL("pg_recvlogical", Family.LIMIT, false, false, "pg_recvlogical, pgoutput proto 1, to /dev/null"),
    PGJDBC_RAW("pgjdbc-raw", Family.LIMIT, false, false,
            "pgjdbc's replication stream read and dropped, only each message's first byte looked at: the stream as a JVM"
                    + " receives it, before any decoding (for reference; the ratios use pg_recvlogical)"),
    COPY_TEXT("copy-text", Family.LIMIT, false, false, "COPY … TO STDOUT (text) through pgjdbc's CopyManager to /dev/null"),
    COPY_BINARY("copy-binary", Family.LIMIT, false, false, "COPY … TO STDOUT (binary) through pgjdbc's CopyManager to /dev/null"),
    DEBEZIUM_COUNT("debezium-count", Family.DEBEZIUM, false, false, "Debezium embedded, JSON converter, counting consumer, defaults"),
    DEBEZIUM_COUNT_RAISED("debezium-count-raised", Family.DEBEZIUM, false, true,
            "Debezium embedded, JSON converter, counting consumer, batch and queue raised"),
    DEBEZIUM_KAFKA("debezium-kafka", Family.DEBEZIUM, true, false,
            "Debezium embedded, JSON converter, KafkaProducer as Debezium Server's Kafka sink, defaults"),
    DEBEZIUM_KAFKA_RAISED("debezium-kafka-raised", Family.DEBEZIUM, true, true,
            "Debezium embedded, JSON converter, KafkaProducer as Debezium Server's Kafka sink, batch and queue raised"),
    SLUICE_DISCARD("sluice-discard", Encoding.JSON, false, "Sluice pipeline into a discarding sink"),
    SLUICE_DISCARD_DEBEZIUM_JSON("sluice-discard-debezium-json", Encoding.DEBEZIUM_JSON, false,
            "as sluice-discard, format debezium-json with its defaults (schemas on, as Debezium's JSON converter writes)"),
    SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS("sluice-discard-debezium-json-schemaless", Encoding.DEBEZIUM_JSON_SCHEMALESS, false,
            "as sluice-discard, format debezium-json with debezium-schemas=false (the payload alone)"),
    SLUICE_DISCARD_AVRO("sluice-discard-avro", Encoding.AVRO, false,
            "as sluice-discard, format avro (Confluent wire format); its schema registry is the test registry of"
                    + " sluice-formats inside the contender's JVM, asked once per table"),
    SLUICE_KAFKA("sluice-kafka", Encoding.JSON, true, "Sluice pipeline into Kafka, acknowledged (acks=all)");

    /** Which column of the ratios a contender belongs to. */
    public enum Family { LIMIT, DEBEZIUM, SLUICE }

    /** The value format a Sluice contender encodes with (the {@code format} setting). */
    public enum Encoding {
        JSON("json"),
        DEBEZIUM_JSON("debezium-json"),
        DEBEZIUM_JSON_SCHEMALESS("debezium-json, schemas off"),
        AVRO("avro");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        /** As the report names it. */
        public String label() {
            return label;
        }
    }

    private final String id;
    private final Family family;
    private final Encoding encoding;
    private final boolean kafka;
    private final boolean raised;
    private final String description;

    Contender(String id, Family family, boolean kafka, boolean raised, String description) {
        this(id, family, null, kafka, raised, description);
    }

    Contender(String id, Encoding encoding, boolean kafka, String description) {
        this(id, Family.SLUICE, encoding, kafka, false, description);
    }

    Contender(String id, Family family, Encoding encoding, boolean kafka, boolean raised, String description) {
        this.id = id;
        this.family = family;
        this.encoding = encoding;
        this.kafka = kafka;
        this.raised = raised;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** The format a Sluice contender encodes with; null for the others. */
    public Encoding encoding() {
        return encoding;
    }

    /** True when its events go to the Kafka broker and count once acknowledged. */
    public boolean kafka() {
        return kafka;
    }

    /** True for the Debezium variants whose batch and queue sizes are raised. */
    public boolean raised() {
        return raised;
    }

    public String description() {
        return description;
    }

    /** True when it runs in a child JVM (everything but pg_recvlogical). */
    public boolean jvm() {
        return this != PG_RECVLOGICAL;
    }

    public static Contender of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown contender '" + id + "'; known: "
                        + Arrays.stream(values()).map(Contender::id).toList()));
    }
}
