package dev.sluice.core.offset;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.OffsetStore;
import dev.sluice.core.spi.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link SourcePosition} in a small properties file, replaced atomically
 * ({@link AtomicPropertiesFile}) so that a crash leaves either the old or the new position.
 */
public final class FileOffsetStore implements OffsetStore {

    private final Path file;

    public FileOffsetStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<SourcePosition> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties p = AtomicPropertiesFile.read(file);
            return Optional.of(new SourcePosition(
                    p.getProperty("slot"),
                    Lsn.parse(p.getProperty("consistent-point")),
                    Boolean.parseBoolean(p.getProperty("snapshot-complete")),
                    Lsn.parse(p.getProperty("confirmed"))));
        } catch (IOException | RuntimeException e) {
            throw new FatalException("cannot read Sluice's state file " + file + " (" + e.getMessage()
                    + "); fix or delete it (deleting it starts over with a new snapshot)", e);
        }
    }

    @Override
    public void save(SourcePosition position) {
        Properties p = new Properties();
        p.setProperty("slot", position.slot());
        p.setProperty("consistent-point", position.consistentPoint().toString());
        p.setProperty("snapshot-complete", Boolean.toString(position.snapshotComplete()));
        p.setProperty("confirmed", position.confirmed().toString());
        try {
            AtomicPropertiesFile.write(file, p, "Sluice source state: do not edit while Sluice runs");
        } catch (IOException e) {
            throw new FatalException("cannot write Sluice's state file " + file + ": " + e.getMessage()
                    + "; check that the state directory is writable", e);
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new FatalException("cannot delete Sluice's state file " + file + ": " + e.getMessage(), e);
        }
    }
}
