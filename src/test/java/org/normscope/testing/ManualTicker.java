package org.normscope.testing;

import java.util.concurrent.TimeUnit;
import org.normscope.session.Ticker;

/**
 * A clock the test moves by hand ({@link #advance}): "600 ms later" costs no 600 ms. A thread that
 * waits on it ({@link #parkNanos}, a hold of the engine) lets its time pass at once, as a
 * simulation's sleep does: the clock moves on by the wait. Any thread may read and move it.
 */
public final class ManualTicker implements Ticker {

    /** Where the clock starts: far from 0, as {@link System#nanoTime()} is. */
    public static final long START = 1_000_000_000_000L;

    private long now = START;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Moves the clock on by {@code nanos} (at least 0). */
    public synchronized void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a clock does not go back: " + nanos);
        }
        now += nanos;
    }

    public void advanceMillis(long millis) {
        advance(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The clock moves on by {@code nanos}: the waiting thread's time has passed. */
    @Override
    public synchronized void parkNanos(long nanos) {
        if (nanos > 0) {
            now += nanos;
        }
    }
}
