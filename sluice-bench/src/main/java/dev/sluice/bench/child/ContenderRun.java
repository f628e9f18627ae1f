package dev.sluice.bench.child;

/**
 * One contender inside its child JVM: starts reading and reports each event it finished (counted,
 * discarded or acknowledged) to the meter. It may return at once and work on its own threads, or
 * block until done.
 */
interface ContenderRun {

    void start(ChildArgs args, DrainMeter meter) throws Exception;
}
