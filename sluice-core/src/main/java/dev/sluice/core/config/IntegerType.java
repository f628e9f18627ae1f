package dev.sluice.core.config;

/** A whole number within a range; the range is part of every error message. */
record IntegerType(int min, int max) implements ScalarType<Integer> {

    IntegerType {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    @Override
    public Integer parseText(String text) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("is not a whole number; " + accepted());
        }
        if (value < min || value > max) {
            throw new InvalidValueException("is out of range; " + accepted());
        }
        return (int) value;
    }

    private String accepted() {
        return "use a whole number from " + min + " to " + max;
    }

    @Override
    public String format(Integer value) {
        return value.toString();
    }

    @Override
    public String label() {
        return "number";
    }
}
