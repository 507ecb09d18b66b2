package org.normscope.ui.viewmodel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * What other threads leave for the window's next frame: tasks (a file read, a session replaced)
 * that the next {@link MainViewModel#pull()} runs on the FX thread, and a count of news (a task
 * left, a snapshot published, a command answered) that a test can wait on instead of sleeping.
 */
final class FrameInbox {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Guarded by this. */
    private long news;

    /** Leaves {@code task} for the next frame (any thread). */
    void post(Runnable task) {
        tasks.add(task);
        wake();
    }

    /** Something new for the next frame (any thread): a snapshot was published, a command answered. */
    synchronized void wake() {
        news++;
        notifyAll();
    }

    /** Runs the tasks left so far, in order (the FX thread, once a frame). */
    void runPosted() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    synchronized long news() {
        return news;
    }

    /** Waits until there is news after {@code seen} ({@link #news()}), for up to {@code timeout}; false if none came. */
    synchronized boolean awaitNews(long seen, long timeout, TimeUnit unit) {
        long left = unit.toNanos(timeout);
        long end = System.nanoTime() + left;
        try {
            while (news == seen && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
                left = end - System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return news != seen;
    }
}
