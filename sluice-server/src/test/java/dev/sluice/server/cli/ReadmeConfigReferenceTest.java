package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference must be exactly what {@code sluice config-reference}
 * prints. To update it: {@code mvn -pl sluice-server test -Dtest=ReadmeConfigReferenceTest
 * -Dsluice.updateReadme=true}, or paste the command's output between the markers.
 */
class ReadmeConfigReferenceTest {

    private static final String START = "<!-- config-reference:start -->\n";
    private static final String END = "<!-- config-reference:end -->";
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeHoldsTheGeneratedConfigurationReference() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the marker " + START.strip()).isNotNegative();
        assertThat(end).as("README.md has the marker " + END + " after the start marker").isGreaterThan(start);

        String generated = ConfigReferenceCommand.table();
        if (Boolean.getBoolean("sluice.updateReadme")) {
            Files.writeString(README, readme.substring(0, start + START.length()) + generated + readme.substring(end));
            return;
        }
        assertThat(readme.substring(start + START.length(), end))
                .as("the table in README.md; regenerate it with 'sluice config-reference'")
                .isEqualTo(generated);
    }
}
