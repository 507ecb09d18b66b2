package org.normscope.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A session runner's news for a test to wait on, instead of sleeping and looking again: give it
 * to {@code SessionRunner.setNewsListener}; it counts each snapshot published and each command
 * answered, and {@link #until} looks at a condition again after each.
 */
public final class News implements Runnable {

    private long count;

    @Override
    public synchronized void run() {
        count++;
        notifyAll();
    }

    /**
     * Returns once {@code condition} holds, looking at it now and after each piece of news; fails
     * after {@code seconds} without it.
     */
    public void until(long seconds, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long seen;
            synchronized (this) {
                seen = count;
            }
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (this) {
                try {
                    for (long left; count == seen; ) {
                        left = end - System.nanoTime();
                        if (left <= 0) {
                            throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
