package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.TableId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything Sluice must remember of its snapshots across a crash, for one slot: the initial
 * snapshot's plan and which of its chunks the sink acknowledged, and the queue of incremental
 * snapshot jobs with their delivered cursors. Used from the source's thread only.
 */
public final class SnapshotState {

    private final String slot;
    private final Lsn consistentPoint;
    private final List<PlannedChunk> initialPlan;
    private final BitSet initialDone;
    private final Map<String, SnapshotJob> jobs = new LinkedHashMap<>();
    private boolean paused;
    private long lastRequest;

    public SnapshotState(String slot, Lsn consistentPoint, List<PlannedChunk> initialPlan, BitSet initialDone) {
        this.slot = slot;
        this.consistentPoint = consistentPoint;
        this.initialPlan = List.copyOf(initialPlan);
        this.initialDone = (BitSet) initialDone.clone();
    }

    public static SnapshotState empty(String slot, Lsn consistentPoint) {
        return new SnapshotState(slot, consistentPoint, List.of(), new BitSet());
    }

    public String slot() {
        return slot;
    }

    public Lsn consistentPoint() {
        return consistentPoint;
    }

    public List<PlannedChunk> initialPlan() {
        return initialPlan;
    }

    public synchronized BitSet initialDone() {
        return (BitSet) initialDone.clone();
    }

    /** Called from any thread when the sink acknowledged every row of an initial chunk. */
    public synchronized void initialChunkDelivered(int index) {
        initialDone.set(index);
    }

    public synchronized boolean initialPlanComplete() {
        return initialDone.cardinality() == initialPlan.size();
    }

    public synchronized List<PlannedChunk> initialChunksLeft() {
        return initialPlan.stream().filter(c -> !initialDone.get(c.index())).toList();
    }

    /** An initial snapshot is still to be finished: chunks of its plan or incremental jobs that continue it. */
    public boolean initialWorkLeft() {
        return !initialPlan.isEmpty() && !initialPlanComplete() || jobs.values().stream().anyMatch(SnapshotJob::initial);
    }

    /**
     * Turns the initial plan's undelivered chunks into one incremental block job per heap (table or leaf partition), which
     * finish the interrupted snapshot while streaming, and forgets the plan.
     */
    public SnapshotState continueInitialIncrementally(java.util.function.Function<TableId, Long> blocksPerChunk,
            java.util.function.Function<TableId, Long> tableBlocks) {
        Map<TableId, List<BlockRange>> left = new LinkedHashMap<>();
        Map<TableId, TableId> tableOf = new LinkedHashMap<>();
        for (PlannedChunk chunk : initialChunksLeft()) {
            long blocks = blocksPerChunk.apply(chunk.source());
            tableOf.put(chunk.source(), chunk.table());
            left.computeIfAbsent(chunk.source(), t -> new ArrayList<>())
                    .addAll(chunk.blocks().split(blocks, tableBlocks.apply(chunk.source())));
        }
        SnapshotState next = new SnapshotState(slot, consistentPoint, List.of(), new BitSet());
        next.paused = paused;
        next.lastRequest = lastRequest;
        left.forEach((source, ranges) -> next.add(new SnapshotJob("initial-" + source, tableOf.get(source), source, null,
                "initial", SnapshotJob.Kind.BLOCKS, JobCursor.blocks(ranges))));
        jobs.values().forEach(next::add);
        return next;
    }

    public void add(SnapshotJob job) {
        jobs.put(job.id(), job);
    }

    /** Cheap: called after every streamed transaction. */
    public boolean hasJobs() {
        return !jobs.isEmpty();
    }

    public boolean has(String id) {
        return jobs.containsKey(id);
    }

    public void remove(String id) {
        jobs.remove(id);
    }

    /** Jobs in the order they run: those finishing the initial snapshot first, then in arrival order. */
    public List<SnapshotJob> jobs() {
        List<SnapshotJob> ordered = new ArrayList<>(jobs.values().stream().filter(SnapshotJob::initial).toList());
        jobs.values().stream().filter(j -> !j.initial()).forEach(ordered::add);
        return ordered;
    }

    public boolean paused() {
        return paused;
    }

    public void paused(boolean value) {
        paused = value;
    }

    /** The highest snapshot request id already taken into the queue: requests seen again after a restart are skipped. */
    public long lastRequest() {
        return lastRequest;
    }

    public void lastRequest(long id) {
        lastRequest = Math.max(lastRequest, id);
    }

    @Override
    public String toString() {
        return "snapshot state of slot " + slot + ": " + initialDone.cardinality() + "/" + initialPlan.size()
                + " initial chunks, jobs " + jobs.values().stream().map(SnapshotJob::id).collect(Collectors.joining(", "));
    }
}
