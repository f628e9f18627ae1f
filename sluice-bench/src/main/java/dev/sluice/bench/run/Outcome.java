package dev.sluice.bench.run;

import dev.sluice.bench.child.ChildReport;
import java.nio.file.Path;

/**
 * What one contender run produced: its own report of the drain and the process figures measured
 * from outside, with the log to read when something looks wrong.
 */
public record Outcome(ChildReport report, ProcStats process, Path log) {
}
