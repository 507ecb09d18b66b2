package org.normscope.session;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock the session's thread and the window's model read: {@link #SYSTEM} in the app, a
 * clock the test moves by hand in tests (so that "5 steps a second for 600 ms" needs no 600 ms).
 * Nanoseconds as {@link System#nanoTime()}: only differences mean anything.
 */
@FunctionalInterface
public interface Ticker {

    /** {@link System#nanoTime()}, and {@link LockSupport#parkNanos} to wait. */
    Ticker SYSTEM = System::nanoTime;

    /** Now, in nanoseconds of this clock. */
    long nanoTime();

    /**
     * Waits about {@code nanos} of this clock's time, or less (an interrupt, a spurious wake-up):
     * callers look at the clock again. A clock moved by hand lets its time pass instead.
     */
    default void parkNanos(long nanos) {
        LockSupport.parkNanos(nanos);
    }
}
