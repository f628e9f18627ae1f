package dev.sluice.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.config.ConfigException;
import dev.sluice.core.config.ConfigLayer;
import dev.sluice.core.config.Origin;
import dev.sluice.core.config.RawValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML configuration file into a {@link ConfigLayer}, keeping the line of every key so
 * that a bad value is reported as {@code sluice.yaml:7}. Read with Jackson's streaming parser
 * rather than into a tree because only the stream carries token locations. Keys are setting names;
 * a map setting is a nested map whose nested keys are joined with dots
 * ({@code kafka-properties: {ssl: {truststore.location: x}}} gives {@code ssl.truststore.location}).
 * A syntax error is one line with line and column; {@code null} values count as not set.
 */
public final class YamlConfigFile {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private final Path file;
    private final String name;

    private YamlConfigFile(Path file) {
        this.file = file;
        this.name = file.toString();
    }

    /** Reads {@code file}; throws {@link ConfigException} if it is missing, unreadable or malformed. */
    public static ConfigLayer read(Path file) {
        return new YamlConfigFile(file).read();
    }

    private ConfigLayer read() {
        if (Files.isDirectory(file)) {
            throw new ConfigException("config file " + name + " is a directory; give a YAML file");
        }
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            return readDocument(parser);
        } catch (JsonProcessingException e) {
            throw new ConfigException(position(e) + ": malformed YAML: " + reason(e));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ConfigException("config file " + name + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + name + ": " + e.getMessage());
        }
    }

    private ConfigLayer readDocument(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return ConfigLayer.empty();
        }
        if (token != JsonToken.START_OBJECT) {
            throw problem(parser, "the file must be a map of setting names to values, e.g. slot: sluice");
        }
        Map<String, RawValue> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            Integer earlier = lines.putIfAbsent(key, line);
            if (earlier != null) {
                throw problem(parser, "'" + key + "' is set twice (also on line " + earlier + "); keep one");
            }
            RawValue value = readValue(parser, Origin.file(name, line));
            if (value != null) {
                values.put(key, value);
            }
        }
        if (parser.nextToken() != null) {
            throw problem(parser, "the file holds more than one YAML document; keep one");
        }
        return new ConfigLayer(values);
    }

    private RawValue readValue(JsonParser parser, Origin origin) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_ARRAY) {
            List<String> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(scalar(parser, "a list may hold only plain values"));
            }
            return new RawValue.Items(items, origin);
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, String> entries = new LinkedHashMap<>();
            readEntries(parser, "", entries);
            return new RawValue.Entries(entries, origin);
        }
        return new RawValue.Text(scalar(parser, "expected a value"), origin);
    }

    private void readEntries(JsonParser parser, String prefix, Map<String, String> entries) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                readEntries(parser, key + ".", entries);
            } else if (entries.put(key, scalar(parser, "a map may hold only plain values or maps")) != null) {
                throw problem(parser, "'" + key + "' is set twice; keep one");
            }
        }
    }

    private String scalar(JsonParser parser, String otherwise) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (!token.isScalarValue()) {
            throw problem(parser, otherwise);
        }
        return parser.getText();
    }

    private ConfigException problem(JsonParser parser, String message) {
        return new ConfigException(at(parser.currentTokenLocation()) + ": " + message);
    }

    private String at(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return name;
        }
        return name + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /**
     * Where the problem is. SnakeYAML's message ends with the problem's own position ("line 2,
     * column 1"), which is more precise than the location Jackson reports (often where the
     * enclosing construct began).
     */
    private String position(JsonProcessingException e) {
        Matcher m = POSITION.matcher(e.getOriginalMessage());
        String last = null;
        while (m.find()) {
            last = name + ":" + m.group(1) + ":" + m.group(2);
        }
        return last != null ? last : at(e.getLocation());
    }

    /**
     * The parser's reason on one line. SnakeYAML's messages span several lines: the context
     * ("while scanning a simple key"), the problem, and excerpts of the file indented with spaces or
     * starting with " in 'reader'"; the excerpts are dropped and the rest joined.
     */
    private static String reason(JsonProcessingException e) {
        List<String> parts = new ArrayList<>();
        for (String line : e.getOriginalMessage().split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !line.startsWith(" ") && !trimmed.startsWith("in '") && !trimmed.startsWith("^")) {
                parts.add(trimmed);
            }
        }
        return parts.isEmpty() ? e.getOriginalMessage().trim() : String.join(": ", parts);
    }
}
