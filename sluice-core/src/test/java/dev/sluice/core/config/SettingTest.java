package dev.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void declarationsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> Setting.builder("Heartbeat_Interval", SettingType.string()).description("x").build())
                .hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> Setting.builder("slot", SettingType.string()).build())
                .hasMessageContaining("needs a description");
        assertThatThrownBy(() -> Setting.builder("slot", SettingType.string()).description("x").required()
                .defaultValue("s").build())
                .hasMessageContaining("cannot have a default");
        assertThatThrownBy(() -> Setting.builder("n", SettingType.integer(1, 5)).description("x").defaultValue(1)
                .validation(v -> {
                    throw new InvalidValueException("is never right");
                }).build())
                .hasMessageContaining("default of n is invalid: is never right");
    }

    @Test
    void defaultTextSaysRequiredNoneEmptyDerivedOrTheValue() {
        assertThat(Setting.builder("a", SettingType.string()).description("x").required().build().defaultText())
                .isEqualTo("required");
        assertThat(Setting.builder("a", SettingType.string()).description("x").build().defaultText())
                .isEqualTo("none");
        assertThat(Setting.builder("a", SettingType.list()).description("x").defaultValue(List.of()).build()
                .defaultText()).isEqualTo("empty");
        assertThat(Setting.builder("a", SettingType.string()).description("x").defaultDescription("the database name")
                .build().defaultText()).isEqualTo("the database name");
        assertThat(Setting.builder("a", SettingType.duration()).description("x").defaultValue(Duration.ofSeconds(30))
                .build().defaultText()).isEqualTo("30s");
    }

    @Test
    void catalogDerivesEnvironmentVariablesAndRefusesDuplicates() {
        Setting<String> url = Setting.builder("database-url", SettingType.string()).description("x").build();
        SettingCatalog catalog = new SettingCatalog("SLUICE_", List.of(url));
        assertThat(catalog.envVar(url)).isEqualTo("SLUICE_DATABASE_URL");
        assertThat(url.flag()).isEqualTo("--database-url");
        assertThat(catalog.closest("SLUICE_DATABASE_URL")).contains("database-url");
        assertThat(catalog.closest("--database-url")).contains("database-url");
        assertThat(catalog.closest("something-else-entirely")).isEmpty();
        assertThatThrownBy(() -> new SettingCatalog("SLUICE_", List.of(url, url)))
                .hasMessageContaining("declared twice");
    }

    @Test
    void markdownReferenceHasOneRowPerSetting() {
        Setting<String> password = Setting.builder("password", SettingType.string())
                .description("The password | with a pipe.").secret().build();
        Setting<Duration> heartbeat = Setting.builder("heartbeat-interval", SettingType.duration())
                .description("How often.").defaultValue(Duration.ofSeconds(10)).build();
        String table = new MarkdownReference(new SettingCatalog("SLUICE_", List.of(password, heartbeat))).table();
        assertThat(table).isEqualTo("""
                | Setting | Flag | Environment variable | Default | Description |
                |---|---|---|---|---|
                | `password` | `--password` | `SLUICE_PASSWORD` | none | The password \\| with a pipe. Secret: never printed. |
                | `heartbeat-interval` | `--heartbeat-interval` | `SLUICE_HEARTBEAT_INTERVAL` | `10s` | How often. |
                """);
    }
}
