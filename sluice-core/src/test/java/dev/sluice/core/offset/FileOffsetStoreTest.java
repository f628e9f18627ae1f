package dev.sluice.core.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsAcrossInstancesAndClears() {
        Path file = dir.resolve("state/sluice.state");
        SourcePosition position = new SourcePosition("sluice", Lsn.parse("0/100"), true, Lsn.parse("1/200"));
        new FileOffsetStore(file).save(position);
        assertThat(new FileOffsetStore(file).load()).contains(position);
        new FileOffsetStore(file).clear();
        assertThat(new FileOffsetStore(file).load()).isEmpty();
        assertThat(Files.exists(file.resolveSibling("sluice.state.tmp"))).isFalse();
    }

    @Test
    void corruptFileIsAClearFatalError() throws Exception {
        Path file = dir.resolve("bad.state");
        Files.writeString(file, "slot=x\nconsistent-point=nonsense\n");
        assertThatThrownBy(() -> new FileOffsetStore(file).load()).isInstanceOf(FatalException.class)
                .hasMessageStartingWith("cannot read Sluice's state file " + file)
                .hasMessageEndingWith("fix or delete it (deleting it starts over with a new snapshot)");
    }
}
