package dev.sluice.core.config;

/** Any text, taken as written apart from surrounding blanks. */
record StringType() implements ScalarType<String> {

    @Override
    public String parseText(String text) {
        return text;
    }

    @Override
    public String format(String value) {
        return value;
    }

    @Override
    public String label() {
        return "text";
    }
}
