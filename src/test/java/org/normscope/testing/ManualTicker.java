package org.normscope.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.normscope.session.Ticker;

/**
 * A clock the test moves by hand ({@link #advance}): "600 ms later" costs no 600 ms. A thread that
 * waits on it ({@link #parkNanos}, a hold of the engine) lets its time pass at once, as a
 * simulation's sleep does: the clock moves on by the wait. Any thread may read and move it.
 *
 * <p>{@link #followingSystemClock()} is one that also runs by itself, as {@link System#nanoTime()}
 * does, and that the test can move on further: for a test where real work must go on meanwhile (a
 * long command showing its progress) but where the test also wants time to jump.
 */
public final class ManualTicker implements Ticker {

    /** Where the hand-moved clock starts: far from 0, as {@link System#nanoTime()} is. */
    public static final long START = 1_000_000_000_000L;

    private final boolean following;
    /** The time (moved by hand), or what the test added to the system's clock (following). */
    private final AtomicLong moved;

    public ManualTicker() {
        this(false);
    }

    private ManualTicker(boolean following) {
        this.following = following;
        moved = new AtomicLong(following ? 0 : START);
    }

    /** The system's clock, plus what the test {@linkplain #advance advances} it by; waits are real. */
    public static ManualTicker followingSystemClock() {
        return new ManualTicker(true);
    }

    @Override
    public long nanoTime() {
        return following ? System.nanoTime() + moved.get() : moved.get();
    }

    /** Moves the clock on by {@code nanos} (at least 0). */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a clock does not go back: " + nanos);
        }
        moved.addAndGet(nanos);
    }

    public void advanceMillis(long millis) {
        advance(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The clock moves on by {@code nanos}: the waiting thread's time has passed (following the system's: a real wait). */
    @Override
    public void parkNanos(long nanos) {
        if (following) {
            LockSupport.parkNanos(nanos);
        } else if (nanos > 0) {
            moved.addAndGet(nanos);
        }
    }
}
