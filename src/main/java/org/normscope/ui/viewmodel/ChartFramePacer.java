package org.normscope.ui.viewmodel;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Shares the frames among the chart groups: {@link #frame} (once per frame, on the FX thread)
 * draws the next out-of-date group, one per frame in turn, since each costs about a frame's
 * budget to render (the figures: docs/PERFORMANCE.md). Playing flat out ({@link #show} with {@code rest}), a
 * group's data is read on {@code reader} in one frame and drawn in a later one, with a frame
 * that draws nothing between two that do; the FX thread never waits for the reading.
 */
public final class ChartFramePacer {

    private static final ExecutorService CHART_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "normscope-chart-reader");
        t.setDaemon(true);
        return t;
    });

    private final Executor reader;
    private final IntFunction<Supplier<Runnable>> reading;
    private final boolean[] stale;
    private int nextGroup;
    private boolean showing;
    /** Frames to come that draw no chart. */
    private int restFrames;
    /** Whether the groups of the snapshot shown are drawn every other frame. */
    private boolean spaced;
    /** The next group's data, being read on {@link #reader}; null if none. */
    private FutureTask<Runnable> prepared;
    private int preparedGroup = -1;

    /**
     * @param groups how many chart groups there are
     * @param reader where a group's data is read while playing flat out
     * @param reading for a group, called on the FX thread: what reads its data (on any thread) and
     *     gives what puts it on the chart (run on the FX thread)
     */
    public ChartFramePacer(int groups, Executor reader, IntFunction<Supplier<Runnable>> reading) {
        this.reader = reader;
        this.reading = reading;
        this.stale = new boolean[groups];
    }

    /** The application's reader: one daemon thread, {@code normscope-chart-reader}, shared by every window. */
    public static Executor chartReader() {
        return CHART_READER;
    }

    /**
     * A new snapshot: every group is out of date; with {@code rest} (playing flat out, when
     * snapshots come seldom) the groups are spread over the frames to come, none of them drawing
     * more than one: the frame that took the snapshot draws nothing, the next one starts reading
     * the first group, the one after draws it (or a later one, if the reading has not finished),
     * the next starts reading the second group, and so on.
     */
    public void show(boolean rest) {
        showing = true;
        redraw();
        restFrames = rest ? 2 : 0;
        spaced = rest;
    }

    /** Marks every group out of date; a reading under way is dropped. */
    public void redraw() {
        Arrays.fill(stale, true);
        if (prepared != null) {
            prepared.cancel(false); // read for what was shown before
            prepared = null;
        }
    }

    /** Whether a group is out of date (for tests). */
    boolean isStale(int group) {
        return stale[group];
    }

    /**
     * Called once per frame: draws the next out-of-date group, if any.
     *
     * @param heavy run first in a frame that draws a chart group
     */
    public void frame(Runnable heavy) {
        if (!showing) {
            return;
        }
        if (restFrames > 0) {
            restFrames--;
            if (restFrames == 0 && spaced) {
                int group = nextStale();
                if (group >= 0) {
                    FutureTask<Runnable> task = new FutureTask<>(reading.apply(group)::get);
                    prepared = task;
                    preparedGroup = group;
                    reader.execute(task);
                }
            }
            return;
        }
        int group = nextStale();
        if (group < 0) {
            return;
        }
        Runnable apply = null;
        if (prepared != null && preparedGroup == group) {
            if (!prepared.isDone()) {
                return; // still reading: draw it in a later frame
            }
            try {
                apply = prepared.get();
            } catch (ExecutionException e) {
                apply = null; // read it again here, where a failure shows as it would have
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heavy.run();
        prepared = null;
        stale[group] = false;
        nextGroup = (group + 1) % stale.length;
        (apply != null ? apply : reading.apply(group).get()).run();
        if (spaced) {
            restFrames = 1;
        }
    }

    /** The next out-of-date group in turn, or -1 if none. */
    private int nextStale() {
        for (int i = 0; i < stale.length; i++) {
            int group = (nextGroup + i) % stale.length;
            if (stale[group]) {
                return group;
            }
        }
        return -1;
    }
}
