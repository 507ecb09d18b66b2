package org.normscope.testing;

import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
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
     * still reachable ({@code describe} names one object). After each collection it waits for the
     * collector to report the objects it cleared (a reference queue), not for a time.
     */
    public static <T> void awaitCollected(List<? extends WeakReference<? extends T>> refs, Function<T, String> describe)
            throws InterruptedException {
        ReferenceQueue<Object> cleared = new ReferenceQueue<>();
        List<WeakReference<Object>> watched = watch(refs, cleared);
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int left = watched.size(); left > 0; ) {
            long wait = (deadline - System.nanoTime()) / 1_000_000;
            if (wait <= 0) {
                List<String> alive = new ArrayList<>();
                for (WeakReference<? extends T> r : refs) {
                    T o = r.get();
                    if (o != null) {
                        alive.add(describe.apply(o));
                    }
                }
                throw new AssertionError(alive.size() + " of " + refs.size()
                        + " objects still reachable after 10 s of GC: " + alive);
            }
            System.gc();
            // the collector clears them and its reference handler queues them: another collection once none comes
            while (left > 0 && cleared.remove(Math.max(1, Math.min(wait, 100))) != null) {
                left--;
            }
        }
        java.lang.ref.Reference.reachabilityFence(watched); // the references themselves stay until they are queued
        for (WeakReference<? extends T> r : refs) {
            if (r.get() != null) {
                throw new AssertionError("a reference the queue reported cleared still holds " + describe.apply(r.get()));
            }
        }
    }

    /** A reference on a queue for each object still there (in a frame of its own: no local keeps one alive). */
    private static List<WeakReference<Object>> watch(List<? extends WeakReference<?>> refs, ReferenceQueue<Object> queue) {
        List<WeakReference<Object>> watched = new ArrayList<>();
        for (WeakReference<?> r : refs) {
            Object o = r.get();
            if (o != null) {
                watched.add(new WeakReference<>(o, queue));
            }
        }
        return watched;
    }
}
