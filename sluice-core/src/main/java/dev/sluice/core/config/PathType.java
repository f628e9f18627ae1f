package dev.sluice.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A file-system path, relative to the working directory unless absolute. Existence is not checked here. */
record PathType() implements ScalarType<Path> {

    @Override
    public Path parseText(String text) {
        if (text.isEmpty()) {
            throw new InvalidValueException("is empty; use a file path");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidValueException("is not a valid path (" + e.getReason() + "); use a file path");
        }
    }

    @Override
    public String format(Path value) {
        return value.toString();
    }

    @Override
    public String label() {
        return "path";
    }
}
