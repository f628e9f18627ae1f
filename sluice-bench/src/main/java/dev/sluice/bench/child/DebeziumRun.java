package dev.sluice.bench.child;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Debezium embedded (the asynchronous engine that {@code DebeziumEngine.create} picks) with the
 * PostgreSQL connector on pgoutput and its JSON converter, either counting the events or handing
 * them to a KafkaProducer as Debezium Server's Kafka sink does. Its defaults are kept except,
 * in the raised variants, the batch and queue sizes (and the producer's batch, compression and
 * linger, set to what Sluice's Kafka sink uses, so the engines are compared and not the producers).
 *
 * <p>In an incremental snapshot run ({@code incremental=true}, counting only) it streams without an
 * initial snapshot, with {@code signalTable} as its signal table and its notifications sent to a
 * topic of their own, where the counter learns that the snapshot completed.
 */
final class DebeziumRun implements ContenderRun {

    /** Ten times Debezium's defaults (2,048 and 8,192). */
    static final int RAISED_MAX_BATCH_SIZE = 20_480;
    static final int RAISED_MAX_QUEUE_SIZE = 81_920;

    private static final long TASK_START_TIMEOUT_SECONDS = 120;

    private final boolean kafka;
    private final boolean raised;

    DebeziumRun(boolean kafka, boolean raised) {
        this.kafka = kafka;
        this.raised = raised;
    }

    /** Returns once the connector's task has started (or failed), so that a latency writer starts after it. */
    @Override
    public void start(ChildArgs args, DrainMeter meter) throws InterruptedException {
        CountDownLatch taskStarted = new CountDownLatch(1);
        if (incremental(args) && kafka) {
            throw new IllegalArgumentException("the incremental snapshot is measured with Debezium's counting consumer only");
        }
        DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> consumer = kafka
                ? new DebeziumKafkaSender(args.get("kafka"), raised, meter)
                : new DebeziumCounter(meter, incremental(args) ? notificationTopic(args) : null);
        DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
                .using(properties(args))
                .using((success, message, error) -> {
                    if (!success) {
                        meter.fail(error != null ? error : new IllegalStateException(message));
                    }
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        taskStarted.countDown();
                    }
                })
                .notifying(consumer)
                .build();
        Thread thread = new Thread(engine, "debezium-engine");
        thread.setDaemon(true);
        thread.start();
        if (!taskStarted.await(TASK_START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            meter.fail(new IllegalStateException("Debezium's task did not start within " + TASK_START_TIMEOUT_SECONDS + " s"));
        }
    }

    private static boolean incremental(ChildArgs args) {
        return args.getBoolean("incremental");
    }

    private static String notificationTopic(ChildArgs args) {
        return args.get("topicPrefix") + ".notifications";
    }

    private Properties properties(ChildArgs args) {
        URI url = URI.create(args.get("url").substring("jdbc:".length()));
        Properties p = new Properties();
        p.setProperty("name", "bench-" + args.get("slot"));
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("database.hostname", url.getHost());
        p.setProperty("database.port", Integer.toString(url.getPort()));
        p.setProperty("database.user", args.get("user"));
        p.setProperty("database.password", args.get("password"));
        p.setProperty("database.dbname", args.get("database"));
        p.setProperty("topic.prefix", args.get("topicPrefix"));
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", args.get("slot"));
        p.setProperty("publication.name", args.get("publication"));
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", args.get("table").replace("\"", ""));
        p.setProperty("snapshot.mode", args.getBoolean("snapshot") ? "initial" : "no_data");
        if (incremental(args)) {
            // Snapshots are asked for through the signal table, which is captured beside the table; the end is
            // told by the notification Debezium sends when the snapshot completed.
            p.setProperty("signal.data.collection", args.get("signalTable"));
            p.setProperty("table.include.list", args.get("table").replace("\"", "") + "," + args.get("signalTable"));
            p.setProperty("notification.enabled.channels", "sink");
            p.setProperty("notification.sink.topic.name", notificationTopic(args));
        }
        if (raised) {
            p.setProperty("max.batch.size", Integer.toString(RAISED_MAX_BATCH_SIZE));
            p.setProperty("max.queue.size", Integer.toString(RAISED_MAX_QUEUE_SIZE));
        }
        return p;
    }
}
