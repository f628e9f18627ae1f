package dev.sluice.bench.report;

import dev.sluice.bench.Contender;

/**
 * One contender's figures in one workload: the unit of the results table.
 *
 * @param workload   e.g. {@code stream}, {@code latency-2000}
 * @param contender  who was measured
 * @param unit       {@code events} or {@code rows}
 * @param events     events (or rows) drained
 * @param seconds    the drain, first event to last (pg_recvlogical: process start to exit)
 * @param latency    commit→ack percentiles in milliseconds, or null when not measured
 * @param cpuSeconds CPU time of the contender's process, children included
 * @param peakRssMb  the process's peak resident memory
 * @param heap       heap figures, or null when not asked for
 * @param status     {@code done}, {@code timeout} or {@code failed}
 * @param note       the failure, or empty
 */
public record Measurement(String workload, Contender contender, String unit, long events, double seconds,
        Latency latency, double cpuSeconds, double peakRssMb, Heap heap, String status, String note) {

    public boolean done() {
        return status.equals("done");
    }

    /** Events (or rows) per second; 0 when the run did not finish. */
    public double rate() {
        return done() && seconds > 0 ? events / seconds : 0;
    }

    /** Commit→ack latency percentiles, milliseconds. */
    public record Latency(int samples, double p50, double p99, double max) {
    }

    /** Peak heap in use (garbage included) and the most in use right after a collection, MiB. */
    public record Heap(double peakMb, double afterGcMb) {
    }
}
