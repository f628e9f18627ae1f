package dev.sluice.server.cli;

import dev.sluice.core.config.Setting;
import dev.sluice.core.config.SettingCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Generates a command's {@code --flags} from setting declarations, one help section per group, so
 * the flags and their help can never drift from the settings. Flags are taken as text and parsed
 * by the settings' own types, so a bad flag gets the same message as a bad YAML value.
 */
final class SettingOptions {

    private SettingOptions() {
    }

    /** Adds an option per setting, grouped under "{@code <group>} settings:" headings. */
    static void addTo(CommandSpec spec, SettingCatalog catalog) {
        int order = 0;
        for (String group : catalog.groups()) {
            ArgGroupSpec.Builder section = ArgGroupSpec.builder()
                    .heading("%n" + group + " settings:%n")
                    .exclusive(false)
                    .validate(false)
                    .multiplicity("0..1")
                    .order(order++);
            for (Setting<?> setting : catalog.settings()) {
                if (setting.group().equals(group)) {
                    section.addArg(option(setting, catalog));
                }
            }
            spec.addArgGroup(section.build());
        }
    }

    /** The settings given as flags, as text by setting name. */
    static Map<String, String> given(ParseResult parsed, SettingCatalog catalog) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (Setting<?> setting : catalog.settings()) {
            if (parsed.hasMatchedOption(setting.flag())) {
                flags.put(setting.name(), parsed.matchedOptionValue(setting.flag(), ""));
            }
        }
        return flags;
    }

    private static OptionSpec option(Setting<?> setting, SettingCatalog catalog) {
        boolean isSwitch = setting.type().label().equals("true|false");
        OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                .type(String.class)
                .paramLabel("<" + setting.type().label() + ">")
                .description(escape(setting.description()),
                        escape("Default: " + setting.defaultText() + ". Env: " + catalog.envVar(setting) + "."));
        if (isSwitch) {
            option.arity("0..1").fallbackValue("true");
        } else {
            option.arity("1");
        }
        return option.build();
    }

    /** Picocli formats descriptions, so a literal {@code %} must be doubled. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
