package dev.sluice.postgres.snapshot;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.TableId;
import dev.sluice.core.offset.AtomicPropertiesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * {@link SnapshotState} in a properties file ({@code <state-dir>/<slot>.snapshot}), replaced
 * atomically ({@link AtomicPropertiesFile}) like the source's state file. Without a directory the state lives in memory only.
 */
public final class SnapshotStateStore {

    private final Path file;
    private SnapshotState memory;

    private SnapshotStateStore(Path file) {
        this.file = file;
    }

    public static SnapshotStateStore forSlot(Path stateDir, String slot) {
        return new SnapshotStateStore(stateDir == null ? null : stateDir.resolve(slot + ".snapshot"));
    }

    public Optional<SnapshotState> load() {
        if (file == null) {
            return Optional.ofNullable(memory);
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(AtomicPropertiesFile.read(file)));
        } catch (IOException | RuntimeException e) {
            throw new FatalException("cannot read Sluice's snapshot state file " + file + " (" + e.getMessage()
                    + "); fix or delete it (deleting it forgets the snapshots in progress)", e);
        }
    }

    public void save(SnapshotState state) {
        if (file == null) {
            memory = state;
            return;
        }
        try {
            AtomicPropertiesFile.write(file, format(state), "Sluice snapshot progress: do not edit while Sluice runs");
        } catch (IOException e) {
            throw new FatalException("cannot write Sluice's snapshot state file " + file + ": " + e.getMessage()
                    + "; check that the state directory is writable", e);
        }
    }

    public void clear() {
        memory = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new FatalException("cannot delete Sluice's snapshot state file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static Properties format(SnapshotState state) {
        Properties p = new Properties();
        p.setProperty("slot", state.slot());
        p.setProperty("consistent-point", state.consistentPoint().toString());
        p.setProperty("paused", Boolean.toString(state.paused()));
        p.setProperty("last-request", Long.toString(state.lastRequest()));
        List<PlannedChunk> plan = state.initialPlan();
        p.setProperty("initial.chunks", Integer.toString(plan.size()));
        for (PlannedChunk chunk : plan) {
            String prefix = "initial.chunk." + chunk.index() + ".";
            p.setProperty(prefix + "schema", chunk.table().schema());
            p.setProperty(prefix + "table", chunk.table().table());
            p.setProperty(prefix + "source.schema", chunk.source().schema());
            p.setProperty(prefix + "source.table", chunk.source().table());
            p.setProperty(prefix + "blocks", chunk.blocks().toString());
        }
        p.setProperty("initial.done", state.initialDone().stream().mapToObj(Integer::toString).collect(Collectors.joining(",")));
        List<String> ids = new ArrayList<>();
        for (SnapshotJob job : state.jobs()) {
            JobCursor cursor = job.delivered();
            if (cursor.done()) {
                continue;
            }
            int n = ids.size();
            ids.add(job.id());
            String prefix = "job." + n + ".";
            p.setProperty(prefix + "id", job.id());
            p.setProperty(prefix + "schema", job.table().schema());
            p.setProperty(prefix + "table", job.table().table());
            p.setProperty(prefix + "source.schema", job.source().schema());
            p.setProperty(prefix + "source.table", job.source().table());
            if (job.condition() != null) {
                p.setProperty(prefix + "where", job.condition());
            }
            p.setProperty(prefix + "origin", job.origin());
            p.setProperty(prefix + "kind", job.kind().name());
            p.setProperty(prefix + "rows", Long.toString(cursor.rows()));
            p.setProperty(prefix + "chunks", Integer.toString(cursor.chunks()));
            p.setProperty(prefix + "blocks", cursor.ranges().stream().map(BlockRange::toString).collect(Collectors.joining(",")));
            if (cursor.afterKey() != null) {
                p.setProperty(prefix + "after.count", Integer.toString(cursor.afterKey().size()));
                for (int i = 0; i < cursor.afterKey().size(); i++) {
                    p.setProperty(prefix + "after." + i, cursor.afterKey().get(i));
                }
            }
        }
        p.setProperty("jobs", Integer.toString(ids.size()));
        return p;
    }

    private static SnapshotState parse(Properties p) {
        int chunks = Integer.parseInt(p.getProperty("initial.chunks", "0"));
        List<PlannedChunk> plan = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            String prefix = "initial.chunk." + i + ".";
            TableId table = new TableId(required(p, prefix + "schema"), required(p, prefix + "table"));
            plan.add(new PlannedChunk(i, table, source(p, prefix, table), BlockRange.parse(required(p, prefix + "blocks"))));
        }
        BitSet done = new BitSet();
        String doneList = p.getProperty("initial.done", "");
        if (!doneList.isEmpty()) {
            Arrays.stream(doneList.split(",")).mapToInt(Integer::parseInt).forEach(done::set);
        }
        SnapshotState state = new SnapshotState(required(p, "slot"), Lsn.parse(required(p, "consistent-point")), plan, done);
        state.paused(Boolean.parseBoolean(p.getProperty("paused", "false")));
        state.lastRequest(Long.parseLong(p.getProperty("last-request", "0")));
        int jobs = Integer.parseInt(p.getProperty("jobs", "0"));
        for (int n = 0; n < jobs; n++) {
            String prefix = "job." + n + ".";
            String blocks = p.getProperty(prefix + "blocks", "");
            List<BlockRange> ranges = blocks.isEmpty() ? List.of()
                    : Arrays.stream(blocks.split(",")).map(BlockRange::parse).toList();
            List<String> after = null;
            if (p.getProperty(prefix + "after.count") != null) {
                after = new ArrayList<>();
                int count = Integer.parseInt(p.getProperty(prefix + "after.count"));
                for (int i = 0; i < count; i++) {
                    after.add(required(p, prefix + "after." + i));
                }
            }
            JobCursor cursor = new JobCursor(after, ranges, Long.parseLong(p.getProperty(prefix + "rows", "0")),
                    Integer.parseInt(p.getProperty(prefix + "chunks", "0")), false);
            TableId table = new TableId(required(p, prefix + "schema"), required(p, prefix + "table"));
            state.add(new SnapshotJob(required(p, prefix + "id"), table, source(p, prefix, table),
                    p.getProperty(prefix + "where"), required(p, prefix + "origin"),
                    SnapshotJob.Kind.valueOf(required(p, prefix + "kind")), cursor));
        }
        return state;
    }

    private static TableId source(Properties p, String prefix, TableId table) {
        String schema = p.getProperty(prefix + "source.schema");
        return schema == null ? table : new TableId(schema, required(p, prefix + "source.table"));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    @Override
    public String toString() {
        return file == null ? "memory" : file.toString();
    }
}
