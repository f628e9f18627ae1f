package dev.sluice.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextParserTest {

    private final CopyTextParser parser = new CopyTextParser();

    private String[] parse(String line, int columns) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, bytes.length, columns);
    }

    @Test
    void splitsOnTabsAndDropsTheNewline() {
        assertThat(parse("42\tgift\t12.50\t2026-01-01 00:00:00+00\n", 4))
                .containsExactly("42", "gift", "12.50", "2026-01-01 00:00:00+00");
    }

    @Test
    void backslashNIsNullButAnEscapedBackslashFollowedByNIsText() {
        assertThat(parse("\\N\t\\\\N\t\t\\N", 4)).containsExactly(null, "\\N", "", null);
    }

    @Test
    void unescapesEveryEscapeCopyWrites() {
        assertThat(parse("a\\tb\\nc\\rd\\be\\ff\\vg\\\\h\n", 1)).containsExactly("a\tb\nc\rd\be\ff\u000Bg\\h");
        assertThat(parse("\\101\\x42\\x4a\\7\\xZ", 1)).containsExactly("ABJ\u0007xZ");
    }

    @Test
    void multiByteCharactersSurviveEscapesAroundThem() {
        assertThat(parse("naïve\\t😀\tplain é\n", 2)).containsExactly("naïve\t😀", "plain é");
        assertThat(parse("\\303\\251", 1)).containsExactly("é");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsRefused() {
        assertThatThrownBy(() -> parse("1\t2\t3", 2)).hasMessageContaining("more than 2 columns");
        assertThatThrownBy(() -> parse("1\t2", 3)).hasMessageContaining("has 2 columns, expected 3");
    }

    @Test
    void aLoneBackslashAtTheEndOfTheRowIsKept() {
        assertThat(parse("a\tb\\", 2)).containsExactly("a", "b\\");
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = "1\t2\nGARBAGE".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(bytes, 4, 2)).containsExactly("1", "2");
    }

    @Test
    void longEscapedValuesGrowTheScratchBuffer() {
        String long1 = "x\\t".repeat(500);
        assertThat(parse(long1 + "\t" + long1, 2)).containsExactly("x\t".repeat(500), "x\t".repeat(500));
    }
}
