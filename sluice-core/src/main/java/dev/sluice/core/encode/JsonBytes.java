package dev.sluice.core.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON is written into directly: the native JSON encoder's output.
 * The encoder writes the structure (it knows where commas go), this class the scalars, escaped
 * exactly as Jackson escapes them ({@code \" \\ \b \t \n \f \r}, other control characters as
 * {@code \}{@code u00XX}, everything else as UTF-8, astral characters as 4-byte UTF-8), so the
 * bytes are the same as through a Jackson generator, at a fraction of the cost per value.
 *
 * <p>Writing straight into bytes matters because the encoder runs once per event: a generator's
 * per-call context checks and its char-to-byte copy cost more than the values themselves.
 * Renderings that are not worth a byte-level version (hstore, arrays, bytea) go
 * {@link #throughGenerator through} a Jackson generator that writes into this buffer. Not thread-safe.
 */
public final class JsonBytes {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .rootValueSeparator((String) null)
            .build();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** For ASCII: 0 = as is, a letter = its short escape, 'u' = {@code \}{@code u00XX}. */
    private static final byte[] ESCAPES = escapes();

    private byte[] buf;
    private int size;
    private JsonGenerator generator;

    public JsonBytes(int capacity) {
        this.buf = new byte[capacity];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** A copy of what was written since the last {@link #reset()}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** One ASCII character of structure: {@code { } [ ] , :}. */
    public void writeAscii(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    /** Bytes already in JSON form (a pre-encoded field name, a rendered object). */
    public void writeRaw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, buf, size, json.length);
        size += json.length;
    }

    /** Text already in JSON form (a number, a document), written as UTF-8 without escaping. */
    public void writeRaw(String json) {
        int length = json.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = json.charAt(i);
            if (c >= 0x80) {
                writeRawUtf8(json, i);
                return;
            }
            buf[size++] = (byte) c;
        }
    }

    private void writeRawUtf8(String json, int from) {
        byte[] bytes = json.substring(from).getBytes(StandardCharsets.UTF_8);
        writeRaw(bytes);
    }

    public void writeNull() {
        writeRaw(NULL);
    }

    public void writeBoolean(boolean value) {
        writeRaw(value ? TRUE : FALSE);
    }

    public void writeNumber(long value) {
        if (value == Long.MIN_VALUE) {
            writeRaw(Long.toString(value));
            return;
        }
        ensure(20);
        long rest = value;
        if (rest < 0) {
            buf[size++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
    }

    /** A JSON string of {@code text}, quoted and escaped. */
    public void writeString(String text) {
        int length = text.length();
        // Worst case for a run of ASCII: 6 bytes per character (\\u00XX), plus the quotes.
        ensure(length + 2);
        buf[size++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ESCAPES[c] == 0) {
                if (size == buf.length) {
                    ensure(length - i + 1);
                }
                buf[size++] = (byte) c;
            } else {
                i = writeSpecial(text, i, length);
            }
        }
        ensure(1);
        buf[size++] = '"';
    }

    /** A JSON string of {@code chars[offset..offset+length)}: copied as is when plain ASCII (an ISO date). */
    public void writeString(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80 || ESCAPES[c] != 0) {
                writeString(new String(chars, offset, length));
                return;
            }
        }
        ensure(length + 2);
        buf[size++] = '"';
        for (int i = offset; i < end; i++) {
            buf[size++] = (byte) chars[i];
        }
        buf[size++] = '"';
    }

    /** Writes the character at {@code i} that needs more than one byte; returns the last index used. */
    private int writeSpecial(String text, int i, int length) {
        ensure(8);
        char c = text.charAt(i);
        if (c < 0x80) {
            byte escape = ESCAPES[c];
            buf[size++] = '\\';
            if (escape == 'u') {
                buf[size++] = 'u';
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[c >> 4];
                buf[size++] = HEX[c & 0xF];
            } else {
                buf[size++] = escape;
            }
            return i;
        }
        if (c < 0x800) {
            buf[size++] = (byte) (0xC0 | (c >> 6));
            buf[size++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
            int code = Character.toCodePoint(c, text.charAt(i + 1));
            buf[size++] = (byte) (0xF0 | (code >> 18));
            buf[size++] = (byte) (0x80 | ((code >> 12) & 0x3F));
            buf[size++] = (byte) (0x80 | ((code >> 6) & 0x3F));
            buf[size++] = (byte) (0x80 | (code & 0x3F));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            // Decoded UTF-8 never holds a lone surrogate; Jackson refuses one too.
            throw new IllegalArgumentException("a string holds an unpaired surrogate 0x" + Integer.toHexString(c));
        }
        buf[size++] = (byte) (0xE0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    /** Something written with a Jackson generator. */
    @FunctionalInterface
    public interface GeneratorWrite {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /**
     * Writes through a Jackson generator into this buffer, for renderings written against Jackson.
     * A generator that failed half-way is left inside a value, so the next call gets a new one.
     */
    public void throughGenerator(GeneratorWrite write) throws IOException {
        if (generator == null) {
            generator = FACTORY.createGenerator(new Sink(), JsonEncoding.UTF8);
        }
        try {
            write.writeTo(generator);
            generator.flush();
        } catch (IOException | RuntimeException e) {
            generator = null;
            throw e;
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private static byte[] escapes() {
        byte[] escapes = new byte[128];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = 'u';
        }
        escapes['"'] = '"';
        escapes['\\'] = '\\';
        escapes['\b'] = 'b';
        escapes['\t'] = 't';
        escapes['\n'] = 'n';
        escapes['\f'] = 'f';
        escapes['\r'] = 'r';
        return escapes;
    }

    /** Where the generator writes: the end of this buffer. */
    private final class Sink extends OutputStream {
        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buf, size, length);
            size += length;
        }
    }
}
