package org.normscope.testing;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The leak tests' measures: the heap after full collections, and waiting for objects to be collected. */
public final class Heap {

    private Heap() {
    }

    /** Heap in use after a few full collections (the smallest of four readings, 50 ms apart). */
    public static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50); // the collector's own threads finish in real time
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Collects until every reference is cleared, for up to ten seconds; else fails naming what is
     * still reachable ({@code describe} names one object).
     */
    public static <T> void awaitCollected(List<? extends WeakReference<? extends T>> refs, Function<T, String> describe)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> alive = new ArrayList<>();
            for (WeakReference<? extends T> r : refs) {
                T o = r.get();
                if (o != null) {
                    alive.add(describe.apply(o));
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(alive.size() + " of " + refs.size()
                        + " objects still reachable after 10 s of GC: " + alive);
            }
            System.gc();
            Thread.sleep(50);
        }
    }
}
