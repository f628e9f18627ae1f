package dev.sluice.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void peakRssIsVmHwm() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  312456 kB\nVmRSS:\t  300000 kB\n";
        assertThat(ProcStats.vmHwmKb(status)).isEqualTo(312456);
    }

    @Test
    void aZombieHasNoVmHwm() {
        assertThat(ProcStats.vmHwmKb("Name:\tjava\nState:\tZ (zombie)\n")).isEqualTo(-1);
    }

    @Test
    void cpuTimeAddsOwnAndChildrenTicksEvenWhenTheCommandHasSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 30 0 100 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(310);
    }

    @Test
    void readsThisProcess() {
        ProcStats stats = ProcStats.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(stats.peakRssKb()).isPositive();
        assertThat(stats.cpuSeconds()).isPositive();
    }
}
