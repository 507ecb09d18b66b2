package org.normscope.testing;

import java.util.concurrent.TimeUnit;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;

/**
 * A session runner's time in a test's hands: its clock ({@link ManualTicker}) and its thread
 * ({@link ManualScheduler}). {@link #pass} lets time pass as the app's engine would live it: the
 * clock moves on a tick period at a time and playing's tick runs after each. One per runner (the
 * runner shuts the thread down when closed).
 */
public final class ManualTime {

    /** The app's engine ticks about this often while playing at a pace ({@code SessionRunner.TICK_PERIOD_MS}). */
    public static final long TICK_MS = 4;

    public final ManualTicker clock;
    public final ManualScheduler engine = new ManualScheduler();

    /** On a clock that moves only by hand ({@link ManualTicker#ManualTicker()}). */
    public ManualTime() {
        this(new ManualTicker());
    }

    private ManualTime(ManualTicker clock) {
        this.clock = clock;
    }

    /** On a clock that runs as the system's and that the test moves on further ({@link ManualTicker#followingSystemClock()}). */
    public static ManualTime followingSystemClock() {
        return new ManualTime(ManualTicker.followingSystemClock());
    }

    /** A runner of {@code session} on this thread and clock. */
    public SessionRunner runner(Session session) {
        return new SessionRunner(session, engine, clock);
    }

    /**
     * {@code millis} ms pass, in ticks of {@link #TICK_MS}: the commands given so far run first (at
     * the time they were given), then after each tick period the clock moves on and playing's tick runs.
     */
    public void pass(long millis) {
        engine.awaitQueued();
        for (long t = 0; t < millis; t += TICK_MS) {
            clock.advance(TimeUnit.MILLISECONDS.toNanos(Math.min(TICK_MS, millis - t)));
            engine.runTicks();
        }
    }

    /** The hand-moved clock's time since it started, in seconds. */
    public double seconds() {
        return (clock.nanoTime() - ManualTicker.START) * 1e-9;
    }
}
