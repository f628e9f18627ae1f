package dev.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsResolverTest {

    private static final Setting<String> URL = Setting.builder("database-url", SettingType.string())
            .description("Where the database is.").required().build();
    private static final Setting<String> PASSWORD = Setting.builder("password", SettingType.string())
            .description("Its password.").secret()
            .validation(v -> {
                if (v.length() < 3) {
                    throw new InvalidValueException("is too short; use at least 3 characters");
                }
            })
            .build();
    private static final Setting<Duration> HEARTBEAT = Setting.builder("heartbeat-interval", SettingType.duration())
            .description("How often.").defaultValue(Duration.ofSeconds(10)).build();
    private static final Setting<Integer> MAX = Setting.builder("max-in-flight", SettingType.integer(1, 100))
            .description("At most.").defaultValue(20).build();

    private static final SettingCatalog CATALOG = new SettingCatalog("APP_", List.of(URL, PASSWORD, HEARTBEAT, MAX));
    private final SettingsResolver resolver = new SettingsResolver(CATALOG);

    /** A file layer from name/value pairs, the n-th pair on line n. */
    private static ConfigLayer file(String... pairs) {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put(pairs[i], new RawValue.Text(pairs[i + 1], Origin.file("app.yaml", i / 2 + 1)));
        }
        return new ConfigLayer(raw);
    }

    @Test
    void laterLayersWinOverEarlierOnesAndDefaults() {
        ResolvedSettings resolved = resolver.resolve(List.of(
                file("database-url", "from-file", "heartbeat-interval", "5s"),
                ConfigLayer.environment(CATALOG, Map.of("APP_DATABASE_URL", "from-env", "APP_MAX_IN_FLIGHT", "7")::get),
                ConfigLayer.flags(Map.of("max-in-flight", "9"))));

        assertThat(resolved.get(URL)).isEqualTo("from-env");
        assertThat(resolved.origin(URL)).hasToString("APP_DATABASE_URL");
        assertThat(resolved.get(HEARTBEAT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(resolved.origin(HEARTBEAT)).hasToString("app.yaml:2");
        assertThat(resolved.get(MAX)).isEqualTo(9);
        assertThat(resolved.origin(MAX)).hasToString("--max-in-flight");
        assertThat(resolved.get(PASSWORD)).isNull();
        assertThat(resolved.isSet(PASSWORD)).isFalse();
    }

    @Test
    void everyProblemIsOneLineNamingSettingValueOriginAndRemedy() {
        assertThatThrownBy(() -> resolver.resolve(List.of(
                file("heartbeat-interval", "10 parsecs"),
                ConfigLayer.flags(Map.of("max-in-flight", "0")))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "database-url is required; set it in the config file, with --database-url or with APP_DATABASE_URL",
                        "heartbeat-interval: '10 parsecs' (from app.yaml:1) is not a duration; use e.g. 500ms, 10s, 5m",
                        "max-in-flight: '0' (from --max-in-flight) is out of range; use a whole number from 1 to 100"));
    }

    @Test
    void aValueOverriddenByAHigherLayerIsNotChecked() {
        ResolvedSettings resolved = resolver.resolve(List.of(
                file("database-url", "x", "max-in-flight", "nonsense"),
                ConfigLayer.flags(Map.of("max-in-flight", "3"))));
        assertThat(resolved.get(MAX)).isEqualTo(3);
    }

    @Test
    void unknownKeysAreNamedWithTheClosestKnownName() {
        assertThatThrownBy(() -> resolver.resolve(List.of(
                file("database-url", "x", "heartbeat-intervall", "1s", "colour", "blue", "maxInFlight", "3"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown setting 'heartbeat-intervall' (from app.yaml:2); did you mean 'heartbeat-interval'?",
                        "unknown setting 'colour' (from app.yaml:3); see the configuration reference for the settings",
                        "unknown setting 'maxInFlight' (from app.yaml:4); did you mean 'max-in-flight'?"));
    }

    @Test
    void secretValuesNeverAppearInMessagesOrListings() {
        assertThatThrownBy(() -> resolver.resolve(List.of(
                ConfigLayer.flags(Map.of("database-url", "x", "password", "ab")))))
                .hasMessage("password: '****' (from --password) is too short; use at least 3 characters")
                .hasMessageNotContaining("ab'");

        ResolvedSettings resolved = resolver.resolve(List.of(
                ConfigLayer.flags(Map.of("database-url", "x", "password", "hunter2"))));
        assertThat(resolved.get(PASSWORD)).isEqualTo("hunter2");
        assertThat(resolved.listing()).contains("password = **** (--password)").noneMatch(l -> l.contains("hunter2"));
        assertThat(resolved.problem(PASSWORD, "is wrong")).isEqualTo("password: '****' (from --password) is wrong");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        ResolvedSettings resolved = resolver.resolve(List.of(
                ConfigLayer.environment(CATALOG, Map.of("APP_DATABASE_URL", "x", "APP_PASSWORD", "")::get)));
        assertThat(resolved.get(PASSWORD)).isNull();
    }

    @Test
    void listingShowsEveryValueWithItsOrigin() {
        ResolvedSettings resolved = resolver.resolve(List.of(ConfigLayer.flags(Map.of("database-url", "jdbc:x"))));
        assertThat(resolved.listing()).containsExactly(
                "database-url = jdbc:x (--database-url)",
                "password = none (the default)",
                "heartbeat-interval = 10s (the default)",
                "max-in-flight = 20 (the default)");
    }

    @Test
    void refusesSettingsOfAnotherCatalog() {
        ResolvedSettings resolved = resolver.resolve(List.of(ConfigLayer.flags(Map.of("database-url", "x"))));
        Setting<String> stranger = Setting.builder("stranger", SettingType.string()).description("Not here.").build();
        assertThatThrownBy(() -> resolved.get(stranger)).isInstanceOf(IllegalArgumentException.class);
    }
}
