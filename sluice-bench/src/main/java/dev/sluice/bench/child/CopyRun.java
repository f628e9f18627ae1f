package dev.sluice.bench.child;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * The snapshot's physical limit: one {@code COPY table TO STDOUT}, in text or binary, read through
 * pgjdbc's CopyManager and written to /dev/null through a 64 KB buffer (what any sane consumer
 * would do; unbuffered it would be one write system call per row).
 */
final class CopyRun implements ContenderRun {

    private final boolean binary;

    CopyRun(boolean binary) {
        this.binary = binary;
    }

    @Override
    public void start(ChildArgs args, DrainMeter meter) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", args.get("user"));
        properties.setProperty("password", args.get("password"));
        String sql = "COPY " + args.get("table") + " TO STDOUT" + (binary ? " (FORMAT binary)" : "");
        try (Connection connection = DriverManager.getConnection(args.get("url"), properties);
                OutputStream out = new BufferedOutputStream(new FileOutputStream("/dev/null"), 64 * 1024)) {
            long start = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            out.flush();
            meter.bulk(rows, start, System.nanoTime());
        }
    }
}
