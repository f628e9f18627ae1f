package dev.sluice.bench.child;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches the child's heap: the most it ever used (garbage included, sampled every 10 ms) and the
 * most still in use right after a collection (close to what the contender really keeps). RSS says
 * what the machine paid; these two say whether that was the contender's data or the JVM's appetite.
 */
public final class HeapWatcher {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private volatile long peakUsed;
    private volatile long peakAfterGc;

    public static HeapWatcher start() {
        HeapWatcher watcher = new HeapWatcher();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        watcher.afterGc(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
        Thread thread = new Thread(watcher::watch, "bench-heap-watcher");
        thread.setDaemon(true);
        thread.start();
        return watcher;
    }

    private void watch() {
        while (true) {
            sample();
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    private void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakUsed = Math.max(peakUsed, used);
    }

    private void afterGc(GarbageCollectionNotificationInfo info) {
        long used = 0;
        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(entry.getKey())) {
                MemoryUsage usage = entry.getValue();
                used += usage.getUsed();
            }
        }
        peakAfterGc = Math.max(peakAfterGc, used);
    }

    public long peakUsedBytes() {
        sample();
        return peakUsed;
    }

    /** The most heap in use right after any collection; 0 if none ran. */
    public long peakAfterGcBytes() {
        return peakAfterGc;
    }
}
