package dev.sluice.server.engine;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Waits for a condition with a deadline: the tests never sleep a fixed time. */
final class Poll {

    private Poll() {
    }

    static void until(Duration deadline, Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
    }
}
