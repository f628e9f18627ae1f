package dev.sluice.core.sink;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes each record as one line of JSON, {@code {"topic":…,"key":…,"value":…}}, to stdout or a
 * file: the sink of a dry run. Key and value are the encoder's JSON, embedded as they are; a
 * tombstone's value is {@code null}. A record is acked once its line is flushed to the stream.
 */
public final class JsonLinesSink implements Sink {

    private static final byte[] TOPIC = "{\"topic\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY = ",\"key\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final boolean closeStream;
    private final String description;

    private JsonLinesSink(OutputStream out, boolean closeStream, String description) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.closeStream = closeStream;
        this.description = description;
    }

    public static JsonLinesSink toStdout() {
        return new JsonLinesSink(System.out, false, "stdout");
    }

    /** Appends to {@code file}, creating it (and its directory) if needed. */
    public static JsonLinesSink toFile(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new JsonLinesSink(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true, file.toString());
        } catch (IOException e) {
            throw new FatalException("cannot open output file " + file + ": " + e.getMessage()
                    + "; check the output setting and that its directory is writable", e);
        }
    }

    @Override
    public void send(SinkRecord record, Ack ack) {
        try {
            out.write(TOPIC);
            writeString(record.topic());
            out.write(KEY);
            out.write(record.key() == null ? NULL : record.key());
            out.write(VALUE);
            out.write(record.value() == null ? NULL : record.value());
            out.write(END);
            out.flush();
            ack.acked();
        } catch (IOException e) {
            ack.failed(e);
        }
    }

    private void writeString(String value) throws IOException {
        out.write('"');
        out.write(value.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new FatalException("cannot write to " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new FatalException("cannot close " + description + ": " + e.getMessage(), e);
        }
    }
}
