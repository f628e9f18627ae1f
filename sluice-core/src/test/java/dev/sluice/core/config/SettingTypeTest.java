package dev.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTypeTest {

    private static final Origin HERE = Origin.flag("--x");

    private static RawValue text(String text) {
        return new RawValue.Text(text, HERE);
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "10s,10000", "2m,120000", "1h,3600000", "1d,86400000", "0s,0", "10 S,10000",
        "PT10S,10000", "pt1m,60000"})
    void parsesDurationsWithUnits(String written, long millis) {
        assertThat(SettingType.duration().parse(text(written))).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 parsecs", "10", "", "-5s", "1.5s", "s", "PT-1S", "P", "99999999999999999999s"})
    void refusesDurationsWithoutAUnitOrWithNonsense(String written) {
        assertThatThrownBy(() -> SettingType.duration().parse(text(written)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("use e.g. 500ms, 10s, 5m");
    }

    @ParameterizedTest
    @CsvSource({"500,500ms", "10000,10s", "120000,2m", "3600000,1h", "86400000,1d", "90000,90s", "0,0s"})
    void formatsDurationsInTheLargestExactUnit(long millis, String expected) {
        assertThat(SettingType.duration().format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void integersOutsideTheRangeNameTheRange() {
        SettingType<Integer> type = SettingType.integer(1, 1_000_000);
        assertThat(type.parse(text(" 20000 "))).isEqualTo(20000);
        assertThatThrownBy(() -> type.parse(text("0")))
                .hasMessage("is out of range; use a whole number from 1 to 1000000");
        assertThatThrownBy(() -> type.parse(text("lots")))
                .hasMessage("is not a whole number; use a whole number from 1 to 1000000");
        assertThatThrownBy(() -> type.parse(text("99999999999999999999")))
                .hasMessage("is not a whole number; use a whole number from 1 to 1000000");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "FALSE,false", "yes,true", "No,false", "on,true", "off,false"})
    void parsesBooleans(String written, boolean expected) {
        assertThat(SettingType.bool().parse(text(written))).isEqualTo(expected);
    }

    @Test
    void refusesOtherBooleans() {
        assertThatThrownBy(() -> SettingType.bool().parse(text("maybe")))
                .hasMessage("is not a boolean; use true or false");
    }

    @Test
    void listsComeFromCommasOrYamlLists() {
        assertThat(SettingType.list().parse(text(" a, b ,,c "))).containsExactly("a", "b", "c");
        assertThat(SettingType.list().parse(text(""))).isEmpty();
        assertThat(SettingType.list().parse(text("\"a,b\".t, c"))).containsExactly("\"a,b\".t", "c");
        assertThat(SettingType.list().parse(new RawValue.Items(List.of("x", " y "), HERE))).containsExactly("x", "y");
        assertThat(SettingType.list().format(List.of("a", "b"))).isEqualTo("a,b");
    }

    @Test
    void mapsComeFromKeyValuePairsOrYamlMaps() {
        assertThat(SettingType.map().parse(text("linger.ms=5, sasl.jaas.config=a=b c=\"d,e\"")))
                .containsExactly(Map.entry("linger.ms", "5"), Map.entry("sasl.jaas.config", "a=b c=\"d,e\""));
        assertThat(SettingType.map().parse(new RawValue.Entries(Map.of("k", "v"), HERE))).containsEntry("k", "v");
        assertThatThrownBy(() -> SettingType.map().parse(text("a=1,b")))
                .hasMessage("has an entry 'b' without '='; use key=value,key2=value2 or a YAML map");
        assertThatThrownBy(() -> SettingType.map().parse(text("a=1,a=2")))
                .hasMessage("names 'a' twice; use key=value,key2=value2 or a YAML map");
        assertThatThrownBy(() -> SettingType.map().parse(text("=1")))
                .hasMessageStartingWith("has an entry with an empty key");
    }

    enum Mode { INITIAL, NEVER, WHEN_NEEDED }

    @Test
    void enumsMatchIgnoringCaseAndDashes() {
        SettingType<Mode> type = SettingType.enumeration(Mode.class);
        assertThat(type.parse(text("Initial"))).isEqualTo(Mode.INITIAL);
        assertThat(type.parse(text("when-needed"))).isEqualTo(Mode.WHEN_NEEDED);
        assertThat(type.parse(text("WHEN_NEEDED"))).isEqualTo(Mode.WHEN_NEEDED);
        assertThat(type.format(Mode.WHEN_NEEDED)).isEqualTo("when-needed");
        assertThatThrownBy(() -> type.parse(text("always")))
                .hasMessage("is not one of the choices; use one of initial, never, when-needed");
    }

    @Test
    void pathsMustNotBeEmpty() {
        assertThat(SettingType.path().parse(text("./state"))).isEqualTo(Path.of("./state"));
        assertThatThrownBy(() -> SettingType.path().parse(text(" "))).hasMessage("is empty; use a file path");
    }

    @Test
    void singleValuedTypesRefuseYamlListsAndMaps() {
        assertThatThrownBy(() -> SettingType.duration().parse(new RawValue.Items(List.of("1s"), HERE)))
                .hasMessage("is a list; use a single duration");
        assertThatThrownBy(() -> SettingType.string().parse(new RawValue.Entries(Map.of("a", "b"), HERE)))
                .hasMessage("is a map; use a single text");
        assertThatThrownBy(() -> SettingType.list().parse(new RawValue.Entries(Map.of("a", "b"), HERE)))
                .hasMessageStartingWith("is a map; use a list");
        assertThatThrownBy(() -> SettingType.map().parse(new RawValue.Items(List.of("a"), HERE)))
                .hasMessageStartingWith("is a list; use key=value");
    }
}
