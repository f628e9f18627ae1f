package dev.sluice.core.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting, declared once: its name (the YAML key; the flag is {@code --name}, the environment
 * variable is derived from it by {@link SettingCatalog}), type, default, description, validation,
 * whether it is secret and the group it is listed under. Help text, the configuration reference and
 * parsing are all generated from this declaration, so they cannot drift apart.
 *
 * <p>Immutable and thread-safe (provided the default value is).
 *
 * @param name               kebab-case name, e.g. {@code heartbeat-interval}
 * @param type               how values are parsed and formatted
 * @param defaultValue       the value when nothing sets it; null for none
 * @param defaultDescription what the reference shows as default when the default is derived from
 *                           other settings (e.g. "the database name"); null to format {@code defaultValue}
 * @param description        one or two sentences for help and reference
 * @param group              the group it is listed under, e.g. {@code Kafka}
 * @param required           whether a value must be given (then there is no default)
 * @param secret             whether its value is never shown (messages and listings print {@code ****})
 * @param validation         checks beyond the type, run after parsing
 * @param <T>                the value's type
 */
public record Setting<T>(
        String name,
        SettingType<T> type,
        T defaultValue,
        String defaultDescription,
        String description,
        String group,
        boolean required,
        boolean secret,
        Validation<T> validation) {

    /** What secret values are shown as. */
    public static final String MASK = "****";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Setting {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting names are kebab-case: " + name);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(validation, "validation");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("setting " + name + " needs a description");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("required setting " + name + " cannot have a default");
        }
        if (defaultValue != null) {
            try {
                validation.check(defaultValue);
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException("default of " + name + " is invalid: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks a value beyond what its type guarantees; throws {@link InvalidValueException} whose
     * message says what is wrong and what is accepted.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Validation<T> {
        /** Throws {@link InvalidValueException} if {@code value} is not acceptable. */
        void check(T value);

        /** Accepts everything. */
        static <T> Validation<T> none() {
            return value -> { };
        }
    }

    /** Starts a declaration. */
    public static <T> Builder<T> builder(String name, SettingType<T> type) {
        return new Builder<>(name, type);
    }

    /** Parses and validates a raw value; throws {@link InvalidValueException} if it is not acceptable. */
    public T parse(RawValue raw) {
        T value = type.parse(raw);
        validation.check(value);
        return value;
    }

    /** The flag, {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    /** A value as shown to a user: masked if secret. */
    public String show(T value) {
        if (value == null) {
            return "none";
        }
        return secret ? MASK : type.format(value);
    }

    /** The default as shown in help and reference: {@code required}, {@code none} or the value. */
    public String defaultText() {
        if (required) {
            return "required";
        }
        if (defaultDescription != null) {
            return defaultDescription;
        }
        if (defaultValue == null) {
            return "none";
        }
        String formatted = type.format(defaultValue);
        return formatted.isEmpty() ? "empty" : formatted;
    }

    /** Assembles a {@link Setting}; {@link #build()} checks the declaration. */
    public static final class Builder<T> {
        private final String name;
        private final SettingType<T> type;
        private T defaultValue;
        private String defaultDescription;
        private String description;
        private String group = "General";
        private boolean required;
        private boolean secret;
        private Validation<T> validation = Validation.none();

        private Builder(String name, SettingType<T> type) {
            this.name = name;
            this.type = type;
        }

        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        public Builder<T> defaultValue(T defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /** Documents a default that is derived at run time rather than declared. */
        public Builder<T> defaultDescription(String defaultDescription) {
            this.defaultDescription = defaultDescription;
            return this;
        }

        public Builder<T> group(String group) {
            this.group = group;
            return this;
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        public Builder<T> secret() {
            this.secret = true;
            return this;
        }

        public Builder<T> validation(Validation<T> validation) {
            this.validation = validation;
            return this;
        }

        public Setting<T> build() {
            return new Setting<>(name, type, defaultValue, defaultDescription, description, group, required,
                    secret, validation);
        }
    }
}
