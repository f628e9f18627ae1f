package dev.sluice.server.cli;

import dev.sluice.core.config.InvalidValueException;
import dev.sluice.core.config.Origin;
import dev.sluice.core.config.RawValue;
import dev.sluice.core.config.SettingType;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a positive duration option with the settings' own duration rules, so {@code 10s} means the same everywhere. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration duration = SettingType.duration().parse(new RawValue.Text(value, Origin.flag("option")));
            if (duration.isZero()) {
                throw new InvalidValueException("is zero; use e.g. 500ms, 10s, 5m");
            }
            return duration;
        } catch (InvalidValueException e) {
            throw new TypeConversionException("'" + value + "' " + e.getMessage());
        }
    }
}
