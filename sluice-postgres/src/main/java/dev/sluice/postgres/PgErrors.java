package dev.sluice.postgres;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.error.SluiceException;
import java.sql.SQLException;

/**
 * Sorts PostgreSQL errors into the two kinds Sluice acts on: retriable (connection lost, server
 * starting or shutting down) and fatal (credentials, privileges, missing objects), with a message
 * that says what to do.
 */
public final class PgErrors {

    private PgErrors() {
    }

    public static SluiceException classify(SQLException e, String context) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = firstLine(e.getMessage());
        if (state.startsWith("28")) {
            return new FatalException(context + ": " + detail
                    + "; check user and password (and pg_hba.conf for replication connections)", e);
        }
        if (state.equals("42501")) {
            return new FatalException(context + ": " + detail + "; grant the privilege named above to the user", e);
        }
        if (state.equals("3D000")) {
            return new FatalException(context + ": " + detail + "; check the database name in database-url", e);
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("55006") || state.isEmpty() && isIo(e)) {
            return new RetriableException(context + ": " + detail, e);
        }
        if (state.equals("58P01")) {
            return new FatalException(context + ": " + detail
                    + "; the WAL this slot needs was removed, so changes were lost to Sluice: restart with --reset to take a new snapshot", e);
        }
        return new FatalException(context + ": " + detail + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), e);
    }

    private static boolean isIo(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a server message (pgjdbc appends details and hints on further lines). */
    public static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
