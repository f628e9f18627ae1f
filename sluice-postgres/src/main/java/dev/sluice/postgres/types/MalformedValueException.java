package dev.sluice.postgres.types;

import dev.sluice.core.error.FatalException;

/**
 * A value's text is not what PostgreSQL prints for its type under {@link PgSessionSettings}.
 *
 * <p>Fatal, because retrying cannot change the text: it means a connection without Sluice's
 * session settings, or a server printing a form this mapping does not know. The message names the
 * form and the offset, never the value itself, which may be personal data and does not belong in a
 * log; the caller adds the table and column.
 */
public final class MalformedValueException extends FatalException {

    MalformedValueException(String form, String expected, int offset, String text) {
        super("malformed " + form + " text: expected " + expected + " at offset " + offset + " of a "
                + text.length() + "-character value; was the connection opened with PgSessionSettings?");
    }
}
