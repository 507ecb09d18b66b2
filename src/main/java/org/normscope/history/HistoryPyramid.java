package org.normscope.history;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bounded, multi-resolution history of many float series: the recent past exactly, the
 * older past as min/max/mean buckets that double in width the further back they go.
 *
 * <p>One row of {@link #series()} values per step; the steps are 1, 2, 3, … in the order of
 * {@link #append(float[])}. Each series is kept in disjoint, contiguous time ranges, newest
 * at the right:
 *
 * <pre>
 *   [level L (top)] [level L-1] … [level 1] [exact window]
 * </pre>
 *
 * <ul>
 *   <li><b>Exact window</b>: the last {@code E = exactSteps} steps, raw (a ring per series).
 *       When full, appending evicts its oldest step into level 1.
 *   <li><b>Level j</b> ({@code 1 ≤ j < L}): a ring of at most {@code B = bucketsPerLevel}
 *       closed buckets of width {@code w_j = firstWidth·2^(j-1)} steps, and an open bucket
 *       that accumulates what level {@code j-1} (or the exact window) evicts. When the open
 *       bucket holds {@code w_j} steps it closes; if the ring is full its oldest bucket is
 *       first evicted into the open bucket of level {@code j+1}. So bucket {@code k} of level
 *       {@code j} always covers steps {@code [k·w_j + 1, (k+1)·w_j]} for some {@code k ≥ 0}.
 *   <li><b>Top level</b> ({@code j = L = maxLevels}): never evicts. When its open bucket is
 *       complete and its ring is full, it merges adjacent pairs in place instead: {@code B}
 *       buckets of width {@code w} become {@code B/2} of width {@code 2w}, and the open bucket
 *       then needs {@code 2w} steps to close.
 * </ul>
 *
 * Levels are allocated when they first receive a bucket, so memory grows with
 * {@code log(steps)} until {@code L} levels exist and then stays put. At most
 * {@code E + L·(B+1)} buckets are stored per series (exact steps counted as width-1 buckets).
 *
 * <p><b>A bucket</b> stores min, max and mean (floats) and the count of non-NaN values (int):
 * 16 bytes. NaN means "missing": min/max/mean are over the non-NaN values only and a bucket
 * with count 0 reads NaN. ±∞ are ordinary values (a mean of +∞ and -∞ is NaN, as float
 * arithmetic gives). Merging buckets {@code a} and {@code b}: {@code min = min(min_a, min_b)},
 * {@code max = max(max_a, max_b)}, {@code count = count_a + count_b} and
 * {@code mean = (mean_a·count_a + mean_b·count_b) / (count_a + count_b)}, computed in double
 * and stored as float. An open bucket keeps its sum in double until it closes, so each
 * bucket's mean is rounded to float once per merge level, not once per step.
 *
 * <p><b>Block summaries</b>: for {@link #columns} only, the exact window is also summarised
 * per series in blocks of 16 steps aligned to step numbers (block {@code b} = steps
 * {@code 16b+1 … 16b+16}): min, max, count and the sum of the non-NaN values, 14 bytes a block,
 * {@code ⌈E/16⌉} of them in a ring like the exact window's, each written when its last step is
 * appended and read only while the whole block is inside the exact window (the oldest, partly
 * evicted block is read raw). A column holding whole blocks reads them by summary and only its
 * partial blocks at either end raw, with the very same results as reading every step: min and
 * max are the same in any grouping, and a block's sum is added at once only when that is
 * provably bit for bit what adding its values one by one gives: when every partial sum is
 * exact in double. That fails (and the block is read raw) when a block's nonzero values span
 * more than about 2^11 in magnitude, or when the column's running sum needs more than 53 bits
 * at the grid of its finest value so far, e.g. where a long sum just crossed a power of two.
 * No block summaries are kept when {@code E < 16}.
 *
 * <p><b>Lazy series</b>: a series that has only ever received NaN holds no arrays (it reads
 * NaN everywhere and costs 0 {@link #bytes()}); its arrays are allocated, NaN-filled, at its
 * first non-NaN value.
 *
 * <p><b>Cost</b>: {@link #append(float[])} is O(series) amortised (each level does
 * {@code 1/w_j} of a step's work, and every 16th step summarises the block it completes, 16
 * values a series) and allocates nothing once the levels and series exist. The queries cost
 * O(levels + buckets in the range). {@link #columns} costs O(levels + level buckets in the
 * range + columns) plus, over the exact window, one read per step in columns narrower than 16
 * steps and, in wider ones, one per whole block and at most 30 raw steps per column (plus
 * the blocks that cannot be added exactly, read raw): about {@code columns + steps/16} instead
 * of {@code steps} when the columns are wide.
 *
 * <p><b>Threads</b>: every public method is {@code synchronized}; one thread may append while
 * others query. {@link #copy(int...)} takes a consistent snapshot to read at leisure.
 *
 * <p><b>Saving</b>: {@link #writeTo(DataOutput)} writes the whole state, every float by its
 * bits, and {@link #readFrom(DataInput)} gives a pyramid that reads and goes on growing exactly
 * as the one written would (the format is in {@link PyramidBinary}).
 *
 * <p>Counts are ints: a single bucket may hold fewer than 2^31 values, which the default
 * geometry reaches after about 10^11 steps.
 */
public final class HistoryPyramid {

    /** Steps kept raw by {@link #forStats(int)}. */
    public static final int DEFAULT_EXACT_STEPS = 10_000;
    /**
     * Closed buckets per level for {@link #forStats(int)}: 100 so that a series, block
     * summaries included, holds 68,190 bytes and 384 series stay within 25.0 MiB
     * (26,214,400 bytes): see {@link #forStats(int)}.
     */
    public static final int DEFAULT_BUCKETS_PER_LEVEL = 100;
    /** Width of a level-1 bucket for {@link #forStats(int)}. */
    public static final int DEFAULT_FIRST_WIDTH = 8;
    /** Levels for {@link #forStats(int)}. */
    public static final int DEFAULT_MAX_LEVELS = 12;

    /** A closed bucket: min, max, mean (float) and count (int). */
    static final int BUCKET_BYTES = 16;
    /** An open bucket: min, max (float), sum (double) and count (int). */
    static final int OPEN_BUCKET_BYTES = 20;
    /** Steps per block of the exact window's block summaries; block b holds steps 16b+1 .. 16b+16. */
    static final int BLOCK = 16;
    /** A block summary: min, max (float), its sum as a 40-bit integer (int + byte), count and flags (byte). */
    static final int BLOCK_BYTES = 14;
    /** A block's sum is kept as an integer multiple of 2^(ulp exponent of its largest |value| - this). */
    static final int BLOCK_SUM_FINE_BITS = 11;
    /** A level's step bookkeeping, shared by all series: width, first step, open steps (long), head, count (int). */
    static final int LEVEL_BYTES = 32;

    private final int series;
    private final int exactSteps;
    private final int bucketsPerLevel;
    private final int firstWidth;
    private final int maxLevels;

    /** [series][slot]: step t lives in slot (t-1) % exactSteps; null while the series is lazy. */
    final float[][] exact;
    /** [series]: the exact window's block summaries; null while the series is lazy or when {@code E < 16}. */
    final Blocks[] blocks;
    /** Slots per {@link Blocks} ring: {@code ⌈E/16⌉}, or 0 when {@code E < 16} (no block fits in the window). */
    final int blockSlots;
    /** Raw exact-window values read by {@link #columns} so far (for tests: blocks read by summary are not counted). */
    long rawVisits;
    /** levels[j-1] is level j; the first levelCount are allocated. */
    final Level[] levels;
    int levelCount;
    long steps;

    /**
     * @param series          values per row (at least 0)
     * @param exactSteps      {@code E}, steps kept raw (at least 1)
     * @param bucketsPerLevel {@code B}, closed buckets per level (even, at least 2)
     * @param firstWidth      {@code w_1}, steps per level-1 bucket (at least 1)
     * @param maxLevels       {@code L}, levels including the top one (at least 1, and
     *                        {@code firstWidth·2^(L-1)} must stay far below {@code 2^62})
     */
    public HistoryPyramid(int series, int exactSteps, int bucketsPerLevel, int firstWidth, int maxLevels) {
        if (series < 0) {
            throw new IllegalArgumentException("series must be at least 0, got " + series);
        }
        if (exactSteps < 1) {
            throw new IllegalArgumentException("exactSteps must be at least 1, got " + exactSteps);
        }
        if (bucketsPerLevel < 2 || bucketsPerLevel % 2 != 0) {
            throw new IllegalArgumentException("bucketsPerLevel must be even and at least 2, got " + bucketsPerLevel);
        }
        if (firstWidth < 1) {
            throw new IllegalArgumentException("firstWidth must be at least 1, got " + firstWidth);
        }
        // The top level's width keeps doubling: leave it 2^20 doublings of headroom below 2^62.
        if (maxLevels < 1 || maxLevels - 1 > 42 - (64 - Long.numberOfLeadingZeros(firstWidth))) {
            throw new IllegalArgumentException("maxLevels must be at least 1 and firstWidth·2^(maxLevels-1) below 2^42, got "
                    + maxLevels + " levels of first width " + firstWidth);
        }
        this.series = series;
        this.exactSteps = exactSteps;
        this.bucketsPerLevel = bucketsPerLevel;
        this.firstWidth = firstWidth;
        this.maxLevels = maxLevels;
        this.exact = new float[series][];
        this.blocks = new Blocks[series];
        this.blockSlots = exactSteps < BLOCK ? 0 : (exactSteps + BLOCK - 1) / BLOCK;
        this.levels = new Level[maxLevels];
    }

    /**
     * A pyramid for {@code series} statistics with the defaults: {@code E = 10,000},
     * {@code B = 100}, {@code w_1 = 8}, {@code L = 12}. Once all levels exist a series holds
     * {@code 10,000·4 + 625·14 + 12·(100·16 + 20) = 68,190} bytes (exact window, block
     * summaries, levels), plus 12·32 bytes of level bookkeeping for the whole pyramid: 384
     * series hold 26,185,344 bytes, within 25.0 MiB (26,214,400 bytes). (With {@code B = 102}
     * it would be 68,574 bytes a series, 26,332,800 for 384.) The top level starts at width
     * 16,384; after 10^7 steps its buckets are 131,072 steps wide.
     */
    public static HistoryPyramid forStats(int series) {
        return new HistoryPyramid(series, DEFAULT_EXACT_STEPS, DEFAULT_BUCKETS_PER_LEVEL, DEFAULT_FIRST_WIDTH,
                DEFAULT_MAX_LEVELS);
    }

    // ---- geometry -------------------------------------------------------------------------------

    public synchronized int series() {
        return series;
    }

    public synchronized long steps() {
        return steps;
    }

    public synchronized int exactSteps() {
        return exactSteps;
    }

    public synchronized int bucketsPerLevel() {
        return bucketsPerLevel;
    }

    public synchronized int firstWidth() {
        return firstWidth;
    }

    public synchronized int maxLevels() {
        return maxLevels;
    }

    /** Levels allocated so far (0 until the exact window first overflows, at most {@link #maxLevels()}). */
    public synchronized int levels() {
        return levelCount;
    }

    /** The first step still held exactly: {@code max(1, steps - E + 1)}, or {@code steps + 1} when there is none. */
    public synchronized long exactFrom() {
        return steps - Math.min(steps, exactSteps) + 1;
    }

    // ---- writing --------------------------------------------------------------------------------

    /**
     * Appends step {@link #steps()}{@code + 1}: {@code row[s]} is series {@code s}'s value,
     * NaN if it has none.
     *
     * @throws IllegalArgumentException if {@code row.length != series()}
     */
    public synchronized void append(float[] row) {
        if (row.length != series) {
            throw new IllegalArgumentException("a row has " + series + " values, got " + row.length);
        }
        long step = steps + 1;
        int slot = (int) ((step - 1) % exactSteps);
        boolean evicts = step > exactSteps;
        Level first = evicts ? level(0) : null;
        for (int s = 0; s < series; s++) {
            float v = row[s];
            float[] ring = exact[s];
            if (ring == null) {
                if (Float.isNaN(v)) {
                    continue;
                }
                ring = allocate(s);
            }
            if (evicts) {
                first.cells[s].add(ring[slot]);
            }
            ring[slot] = v;
        }
        steps = step;
        if (blockSlots > 0 && step % BLOCK == 0) {
            summarise(step);
        }
        if (evicts) {
            first.openSteps++;
            carry();
        }
    }

    /** Summarises the block that {@code step} completes (steps {@code step-15 .. step}) for every allocated series. */
    private void summarise(long step) {
        int k = (int) ((step / BLOCK - 1) % blockSlots);
        int start = (int) ((step - BLOCK) % exactSteps);
        for (int s = 0; s < series; s++) {
            Blocks b = blocks[s];
            if (b != null) {
                b.summarise(k, exact[s], start);
            }
        }
    }

    /** Closes every complete open bucket, from level 1 up, evicting or halving as it goes. */
    private void carry() {
        for (int j = 0; j < levelCount; j++) {
            Level level = levels[j];
            if (level.openSteps < level.width) {
                return;
            }
            if (level.count == bucketsPerLevel) {
                if (j == maxLevels - 1) {
                    halve(level);
                    return; // the open bucket holds w steps and now needs 2w
                }
                evictOldest(level, level(j + 1));
            }
            close(level);
        }
    }

    private void evictOldest(Level level, Level next) {
        int slot = level.head;
        for (int s = 0; s < series; s++) {
            Cells from = level.cells[s];
            if (from != null) {
                next.cells[s].add(from, slot);
            }
        }
        next.openSteps += level.width;
        level.head = (level.head + 1) % bucketsPerLevel;
        level.count--;
        level.firstStep += level.width;
    }

    private void close(Level level) {
        int slot = level.slot(level.count);
        for (int s = 0; s < series; s++) {
            Cells cells = level.cells[s];
            if (cells != null) {
                cells.close(slot);
            }
        }
        level.count++;
        level.openSteps = 0;
    }

    /** Merges closed buckets 2k and 2k+1 into k (in place: k ≤ 2k is never read again). */
    private void halve(Level level) {
        for (int s = 0; s < series; s++) {
            Cells cells = level.cells[s];
            if (cells != null) {
                for (int k = 0; k < bucketsPerLevel / 2; k++) {
                    cells.merge(level.slot(k), level.slot(2 * k), level.slot(2 * k + 1));
                }
            }
        }
        level.count = bucketsPerLevel / 2;
        level.width *= 2;
    }

    /** Level j+1 (0-based {@code index}), allocated if it is the next one. */
    private Level level(int index) {
        if (index == levelCount) {
            Level level = new Level((long) firstWidth << index, series, bucketsPerLevel);
            for (int s = 0; s < series; s++) {
                if (exact[s] != null) {
                    level.cells[s] = new Cells(bucketsPerLevel);
                }
            }
            levels[levelCount++] = level;
        }
        return levels[index];
    }

    /** Gives a lazy series its arrays: an all-NaN exact window and empty buckets on every level. */
    private float[] allocate(int s) {
        float[] ring = new float[exactSteps];
        Arrays.fill(ring, Float.NaN);
        exact[s] = ring;
        if (blockSlots > 0) {
            blocks[s] = new Blocks(blockSlots); // every block so far was all NaN: empty summaries are right
        }
        for (int j = 0; j < levelCount; j++) {
            levels[j].cells[s] = new Cells(bucketsPerLevel);
        }
        return ring;
    }

    // ---- reading --------------------------------------------------------------------------------

    /**
     * Series {@code s}'s raw value at {@code step} (NaN if missing).
     *
     * @throws IndexOutOfBoundsException unless {@code exactFrom() ≤ step ≤ steps()}
     */
    public synchronized float exact(int s, long step) {
        Objects.checkIndex(s, series);
        if (step < exactFrom() || step > steps) {
            throw new IndexOutOfBoundsException("step " + step + " is not in the exact window " + exactFrom() + ".." + steps);
        }
        float[] ring = exact[s];
        return ring == null ? Float.NaN : ring[(int) ((step - 1) % exactSteps)];
    }

    /**
     * Calls {@code sink} for every stored bucket of series {@code s} that overlaps
     * {@code from..to} (clamped to {@code 1..steps()}), in step order: closed and open buckets
     * of every level, then the exact steps as width-1 buckets. They are contiguous and
     * disjoint and cover {@code from..to}; the first may start before {@code from} and the
     * last end after {@code to}.
     *
     * @return how many buckets were passed to {@code sink}
     */
    public synchronized int buckets(int s, long from, long to, BucketSink sink) {
        Objects.checkIndex(s, series);
        Objects.requireNonNull(sink, "sink");
        return visit(s, from, to, sink);
    }

    private int visit(int s, long from, long to, BucketSink sink) {
        long lo = Math.max(from, 1);
        long hi = Math.min(to, steps);
        if (lo > hi) {
            return 0;
        }
        int n = visitLevels(s, lo, hi, sink);
        float[] ring = exact[s];
        for (long t = Math.max(lo, exactFrom()); t <= hi; t++) {
            float v = ring == null ? Float.NaN : ring[(int) ((t - 1) % exactSteps)];
            sink.bucket(t, t, v, v, v, Float.isNaN(v) ? 0 : 1);
            n++;
        }
        return n;
    }

    /** The levels' part of {@link #visit}: their buckets overlapping {@code lo..hi}, oldest first. */
    private int visitLevels(int s, long lo, long hi, BucketSink sink) {
        int n = 0;
        for (int j = levelCount - 1; j >= 0; j--) {
            Level level = levels[j];
            Cells cells = level.cells[s];
            long w = level.width;
            long openFirst = level.openFirst();
            if (level.count > 0 && lo < openFirst && hi >= level.firstStep) {
                int k0 = lo <= level.firstStep ? 0 : (int) ((lo - level.firstStep) / w);
                int k1 = hi >= openFirst ? level.count - 1 : (int) ((hi - level.firstStep) / w);
                for (int k = k0; k <= k1; k++) {
                    long first = level.firstStep + k * w;
                    if (cells == null) {
                        sink.bucket(first, first + w - 1, Float.NaN, Float.NaN, Float.NaN, 0);
                    } else {
                        cells.emit(level.slot(k), first, first + w - 1, sink);
                    }
                    n++;
                }
            }
            long openLast = openFirst + level.openSteps - 1;
            if (level.openSteps > 0 && lo <= openLast && hi >= openFirst) {
                if (cells == null) {
                    sink.bucket(openFirst, openLast, Float.NaN, Float.NaN, Float.NaN, 0);
                } else {
                    cells.emitOpen(openFirst, openLast, sink);
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Reduces series {@code s} over {@code from..to} to {@code columns} pixel columns.
     *
     * <p>With {@code span = to - from + 1}, column {@code i} covers steps
     * {@code [from + ⌊i·span/columns⌋, from + ⌊(i+1)·span/columns⌋ - 1]} (empty when
     * {@code span < columns} makes that range empty). The columns are laid out on the
     * requested {@code from..to}, not on the clamped range: steps outside {@code 1..steps()}
     * hold no data, so their columns read NaN and a column keeps its meaning as the history
     * grows. Each stored bucket that overlaps {@code from..to} goes to every column it overlaps
     * (step {@code t} is in column {@code ⌊((t - from + 1)·columns - 1) / span⌋}), weighted in
     * each by the share of its steps the column covers. Column min = min of its buckets' mins,
     * max = max of their maxes, mean = their weighted mean: so a column's min and max bracket
     * every value of its steps, even where a bucket is wider than a column. A column with only
     * missing values reads NaN in all three. Draw two points per column: min and max.
     *
     * <p>Inside the exact window a column reads the 16-step blocks it wholly holds from their
     * summaries where that gives the same result as reading their steps (see the class
     * comment), so that wide columns cost about one read per block.
     *
     * @throws IllegalArgumentException if {@code columns < 0}, an array is shorter than
     *         {@code columns}, or {@code span·columns} overflows a long
     */
    public synchronized void columns(int s, long from, long to, int columns, float[] min, float[] max, float[] mean) {
        columns(s, from, to, columns, min, max, mean, null);
    }

    /**
     * {@link #columns(int, long, long, int, float[], float[], float[])}, and if {@code sums} is
     * not null also each column's sum in double before it is divided into the mean (0 for a
     * column with no value) (for tests: the sum shows a difference in rounding that the float
     * mean mostly hides).
     */
    synchronized void columns(int s, long from, long to, int columns, float[] min, float[] max, float[] mean,
            double[] sums) {
        Objects.checkIndex(s, series);
        if (columns < 0 || min.length < columns || max.length < columns || mean.length < columns) {
            throw new IllegalArgumentException("need columns ≥ 0 and arrays of at least " + columns + " values");
        }
        Arrays.fill(min, 0, columns, Float.NaN);
        Arrays.fill(max, 0, columns, Float.NaN);
        Arrays.fill(mean, 0, columns, Float.NaN);
        if (sums != null) {
            Arrays.fill(sums, 0, columns, 0);
        }
        if (from > to || columns == 0) {
            return;
        }
        long span = to - from + 1;
        if (span <= 0 || span > Long.MAX_VALUE / columns) {
            throw new IllegalArgumentException("the range " + from + ".." + to + " is too long for " + columns + " columns");
        }
        ColumnReducer reducer = new ColumnReducer(from, span, columns, min, max, mean, sums);
        long lo = Math.max(from, 1);
        long hi = Math.min(to, steps);
        if (lo <= hi) {
            visitLevels(s, lo, hi, reducer);
            long first = Math.max(lo, exactFrom());
            if (first <= hi && exact[s] != null) { // a lazy series' exact steps are all missing: nothing to add
                reduceExact(s, first, hi, reducer);
            }
        }
        reducer.flush();
    }

    /**
     * Adds exact steps {@code first..last} to their columns: what {@link #visit} would pass
     * {@code reducer} step by step, but each whole block inside a column is added by its
     * summary when {@link Blocks#reduce} can do so with the very same result.
     */
    private void reduceExact(int s, long first, long last, ColumnReducer reducer) {
        float[] ring = exact[s];
        Blocks summaries = blocks[s];
        Reduction r = reducer.reduction;
        long t = first;
        while (t <= last) {
            int c = reducer.columnOf(t);
            long end = Math.min(last, reducer.lastStepOf(c));
            reducer.enter(c);
            // Block b holds steps 16b+1 .. 16b+16. Those starting at or after t ≥ exactFrom() are
            // wholly inside the exact window, so their summaries are valid.
            long b0 = (t - 1 + BLOCK - 1) / BLOCK; // the first block starting at or after t
            long b1 = end / BLOCK - 1; // last block ending at or before end
            if (summaries == null || b0 > b1) {
                reduceRaw(ring, t, end, r);
            } else {
                reduceRaw(ring, t, b0 * BLOCK, r);
                for (long b = b0; b <= b1; b++) {
                    if (!summaries.reduce((int) (b % blockSlots), r)) {
                        reduceRaw(ring, b * BLOCK + 1, (b + 1) * BLOCK, r);
                    }
                }
                reduceRaw(ring, (b1 + 1) * BLOCK + 1, end, r);
            }
            t = end + 1;
        }
    }

    /** Adds the raw values of steps {@code first..last} (none if {@code first > last}) to {@code r}, in step order. */
    private void reduceRaw(float[] ring, long first, long last, Reduction r) {
        if (first > last) {
            return;
        }
        int n = (int) (last - first + 1);
        rawVisits += n;
        int i = (int) ((first - 1) % exactSteps);
        for (int k = 0; k < n; k++) {
            float v = ring[i];
            if (++i == exactSteps) {
                i = 0;
            }
            if (v == v) { // not NaN
                r.addValue(v);
            }
        }
    }

    /**
     * A bucket's count weighted by the part of its {@code width} steps that a column or a row
     * covers ({@code overlap} of them), at least 1 where it has values: its weight in that
     * column's mean. (Its min and max bound the covered steps' values whatever the share.)
     */
    static int share(int count, long overlap, long width) {
        if (count == 0 || overlap >= width) {
            return count;
        }
        return (int) Math.max(1, Math.round((double) count * overlap / width));
    }

    /** Buckets arrive in step order, so their columns do too: one running reduction suffices. */
    private static final class ColumnReducer implements BucketSink {
        private final long from;
        private final long span;
        private final int columns;
        private final float[] min;
        private final float[] max;
        private final float[] mean;
        private final double[] sums; // null unless asked for
        final Reduction reduction = new Reduction();
        private int column = -1;

        ColumnReducer(long from, long span, int columns, float[] min, float[] max, float[] mean, double[] sums) {
            this.from = from;
            this.span = span;
            this.columns = columns;
            this.min = min;
            this.max = max;
            this.mean = mean;
            this.sums = sums;
        }

        @Override
        public void bucket(long firstStep, long lastStep, float bMin, float bMax, float bMean, int count) {
            // A bucket wider than a column goes to every column it overlaps, with its share of the
            // count: given to the column of its first step only, the columns after it read NaN and a
            // long history drew as a sawtooth of bucket columns and gaps.
            long first = Math.max(firstStep, from);
            long last = Math.min(lastStep, from + span - 1);
            int c0 = columnOf(first);
            int c1 = columnOf(last);
            for (int c = c0; c <= c1; c++) {
                enter(c);
                long overlap = Math.min(last, lastStepOf(c)) - Math.max(first, firstStepOf(c)) + 1;
                reduction.add(bMin, bMax, bMean, share(count, overlap, lastStep - firstStep + 1));
            }
        }

        /** The first step of column {@code c}. */
        long firstStepOf(int c) {
            return c == 0 ? from : lastStepOf(c - 1) + 1;
        }

        /** The column holding {@code step} ({@code from ≤ step ≤ to}). */
        int columnOf(long step) {
            return (int) (((step - from + 1) * columns - 1) / span);
        }

        /** The last step of column {@code c}. */
        long lastStepOf(int c) {
            return from + (c + 1) * span / columns - 1;
        }

        /** Makes {@code c} the column being reduced, flushing the previous one if it differs. */
        void enter(int c) {
            if (c != column) {
                flush();
                column = c;
            }
        }

        void flush() {
            if (column >= 0 && !reduction.isEmpty()) {
                min[column] = reduction.min();
                max[column] = reduction.max();
                mean[column] = reduction.mean();
                if (sums != null) {
                    sums[column] = reduction.sum();
                }
            }
            reduction.reset();
        }
    }

    /**
     * Series {@code s}'s value at {@code step}: the raw value inside the exact window, else the
     * mean of the bucket holding {@code step} (see {@link #bucketAt(long)}); NaN when missing
     * or when {@code step} is outside {@code 1..steps()}.
     */
    public synchronized float valueAt(int s, long step) {
        Objects.checkIndex(s, series);
        if (step < 1 || step > steps) {
            return Float.NaN;
        }
        if (step >= exactFrom()) {
            float[] ring = exact[s];
            return ring == null ? Float.NaN : ring[(int) ((step - 1) % exactSteps)];
        }
        Level level = levelHolding(step);
        Cells cells = level.cells[s];
        if (cells == null) {
            return Float.NaN;
        }
        long k = (step - level.firstStep) / level.width;
        return k < level.count ? cells.mean(level.slot((int) k)) : cells.openMean();
    }

    /**
     * {@code {firstStep, lastStep}} of the bucket holding {@code step} ({@code {step, step}}
     * inside the exact window; an open bucket ends at its last step so far), or {@code null}
     * when {@code step} is outside {@code 1..steps()}. The same for every series.
     */
    public synchronized long[] bucketAt(long step) {
        if (step < 1 || step > steps) {
            return null;
        }
        if (step >= exactFrom()) {
            return new long[] {step, step};
        }
        Level level = levelHolding(step);
        long k = (step - level.firstStep) / level.width;
        if (k < level.count) {
            long first = level.firstStep + k * level.width;
            return new long[] {first, first + level.width - 1};
        }
        return new long[] {level.openFirst(), level.openFirst() + level.openSteps - 1};
    }

    /** The level whose range holds {@code step}, which must be before the exact window. */
    private Level levelHolding(long step) {
        for (int j = 0; j < levelCount; j++) {
            if (step >= levels[j].firstStep) {
                return levels[j];
            }
        }
        throw new IllegalStateException("step " + step + " is in no level"); // levels start at step 1
    }

    /** 0 for the exact window, j for level j, -1 outside {@code 1..steps()} (for tests). */
    synchronized int levelOf(long step) {
        if (step < 1 || step > steps) {
            return -1;
        }
        if (step >= exactFrom()) {
            return 0;
        }
        for (int j = 0; j < levelCount; j++) {
            if (step >= levels[j].firstStep) {
                return j + 1;
            }
        }
        throw new IllegalStateException("step " + step + " is in no level");
    }

    /** The width of level {@code j}'s closed buckets now (1 for the exact window, j = 0) (for tests). */
    synchronized long levelWidth(int j) {
        return j == 0 ? 1 : levels[j - 1].width;
    }

    // ---- memory and copies ----------------------------------------------------------------------

    /**
     * Bytes held by the arrays: for each series that has had a value, {@code E·4} for the exact
     * window, {@code ⌈E/16⌉·14} for its block summaries (none when {@code E < 16}) and
     * {@code B·16 + 20} per allocated level (closed buckets and the open one); plus
     * {@code 32} bytes of step bookkeeping per allocated level. Object headers and references
     * are not counted (about 50 bytes per series and level on a 64-bit JVM).
     */
    public synchronized long bytes() {
        long total = (long) levelCount * LEVEL_BYTES;
        for (int s = 0; s < series; s++) {
            total += seriesBytes0(s);
        }
        return total;
    }

    /** The part of {@link #bytes()} that series {@code s} holds (0 while it has only had NaN). */
    public synchronized long seriesBytes(int s) {
        Objects.checkIndex(s, series);
        return seriesBytes0(s);
    }

    private long seriesBytes0(int s) {
        if (exact[s] == null) {
            return 0;
        }
        return (long) exactSteps * Float.BYTES + (long) blockSlots * BLOCK_BYTES
                + (long) levelCount * ((long) bucketsPerLevel * BUCKET_BYTES + OPEN_BUCKET_BYTES);
    }

    /**
     * An independent copy holding series {@code seriesIndices[0], seriesIndices[1], …} as its
     * series 0, 1, …, with the same geometry, steps and buckets: a consistent snapshot to read
     * (or export) while this pyramid goes on growing. Costs at most {@link #seriesBytes} per
     * series copied.
     */
    public synchronized HistoryPyramid copy(int... seriesIndices) {
        for (int s : seriesIndices) {
            Objects.checkIndex(s, series);
        }
        HistoryPyramid c = new HistoryPyramid(seriesIndices.length, exactSteps, bucketsPerLevel, firstWidth, maxLevels);
        c.steps = steps;
        for (int i = 0; i < seriesIndices.length; i++) {
            float[] ring = exact[seriesIndices[i]];
            c.exact[i] = ring == null ? null : ring.clone();
            Blocks b = blocks[seriesIndices[i]];
            c.blocks[i] = b == null ? null : b.copy();
        }
        for (int j = 0; j < levelCount; j++) {
            Level level = levels[j];
            Level copy = new Level(level.width, seriesIndices.length, bucketsPerLevel);
            copy.firstStep = level.firstStep;
            copy.head = level.head;
            copy.count = level.count;
            copy.openSteps = level.openSteps;
            for (int i = 0; i < seriesIndices.length; i++) {
                Cells cells = level.cells[seriesIndices[i]];
                copy.cells[i] = cells == null ? null : cells.copy();
            }
            c.levels[j] = copy;
        }
        c.levelCount = levelCount;
        return c;
    }

    // ---- binary form ----------------------------------------------------------------------------

    /**
     * Writes this pyramid's whole state to {@code out} in the format of {@link PyramidBinary},
     * holding its lock meanwhile (appends wait: write a {@link #copy(int...)} to let them go
     * on).
     *
     * @throws IOException if {@code out} fails, or if the pyramid is larger than
     *         {@link #readFrom(DataInput)} accepts (then nothing is written)
     */
    public synchronized void writeTo(DataOutput out) throws IOException {
        PyramidBinary.write(this, out);
    }

    /**
     * Reads a pyramid that {@link #writeTo(DataOutput)} wrote, consuming exactly its bytes.
     * Damaged or hostile data is refused before anything is built on it, and costs no more memory
     * than the bytes that do follow hold (see {@link PyramidBinary}).
     *
     * @throws IOException if the data ends early ({@link java.io.EOFException}), is not a history,
     *         is in another format version, or is damaged (a one-sentence message says where)
     */
    public static HistoryPyramid readFrom(DataInput in) throws IOException {
        return PyramidBinary.read(in);
    }

    // ---- storage --------------------------------------------------------------------------------

    /**
     * One level's step bookkeeping, shared by all series: closed bucket {@code k}
     * ({@code 0 ≤ k < count}, oldest first) covers {@code [firstStep + k·width, firstStep +
     * (k+1)·width - 1]} and lives in ring slot {@code (head + k) % B}; the open bucket follows
     * with {@code openSteps} steps.
     */
    static final class Level {
        long width;
        long firstStep = 1;
        int head;
        int count;
        long openSteps;
        final int ringSize;
        final Cells[] cells; // by series, null while the series is lazy

        Level(long width, int series, int ringSize) {
            this.width = width;
            this.ringSize = ringSize;
            this.cells = new Cells[series];
        }

        int slot(int k) {
            return (head + k) % ringSize;
        }

        long openFirst() {
            return firstStep + count * width;
        }
    }

    /**
     * One series' buckets at one level: closed bucket in slot {@code i} has min, max, mean at
     * {@code stats[3i], stats[3i+1], stats[3i+2]} and its count at {@code count[i]}; the open
     * bucket keeps min, max, a double sum and a count until it closes.
     */
    static final class Cells {
        final float[] stats;
        final int[] count;
        float openMin;
        float openMax;
        double openSum;
        int openCount;

        Cells(int ringSize) {
            this(new float[3 * ringSize], new int[ringSize]);
        }

        /** Closed buckets from {@code stats} (3 floats a slot) and {@code count} (one int a slot), the open one empty. */
        Cells(float[] stats, int[] count) {
            this.stats = stats;
            this.count = count;
        }

        private Cells(Cells other) {
            stats = other.stats.clone();
            count = other.count.clone();
            openMin = other.openMin;
            openMax = other.openMax;
            openSum = other.openSum;
            openCount = other.openCount;
        }

        Cells copy() {
            return new Cells(this);
        }

        /** One raw value into the open bucket (NaN is skipped). */
        void add(float v) {
            if (Float.isNaN(v)) {
                return;
            }
            if (openCount == 0) {
                openMin = v;
                openMax = v;
            } else {
                openMin = Math.min(openMin, v);
                openMax = Math.max(openMax, v);
            }
            openSum += v;
            openCount++;
        }

        /** A finer level's closed bucket into this open bucket. */
        void add(Cells finer, int slot) {
            int c = finer.count[slot];
            if (c == 0) {
                return;
            }
            float[] st = finer.stats;
            if (openCount == 0) {
                openMin = st[3 * slot];
                openMax = st[3 * slot + 1];
            } else {
                openMin = Math.min(openMin, st[3 * slot]);
                openMax = Math.max(openMax, st[3 * slot + 1]);
            }
            openSum += (double) st[3 * slot + 2] * c;
            openCount += c;
        }

        /** The open bucket into closed slot {@code slot}; the open bucket starts empty again. */
        void close(int slot) {
            count[slot] = openCount;
            if (openCount > 0) {
                stats[3 * slot] = openMin;
                stats[3 * slot + 1] = openMax;
                stats[3 * slot + 2] = (float) (openSum / openCount);
            }
            openSum = 0;
            openCount = 0;
        }

        /** Closed slots a and b (the older first) merged into slot {@code into}. */
        void merge(int into, int a, int b) {
            int ca = count[a];
            int cb = count[b];
            float minA = stats[3 * a];
            float maxA = stats[3 * a + 1];
            float meanA = stats[3 * a + 2];
            float minB = stats[3 * b];
            float maxB = stats[3 * b + 1];
            float meanB = stats[3 * b + 2];
            if (ca == 0) {
                set(into, minB, maxB, meanB, cb);
            } else if (cb == 0) {
                set(into, minA, maxA, meanA, ca);
            } else {
                set(into, Math.min(minA, minB), Math.max(maxA, maxB),
                        (float) (((double) meanA * ca + (double) meanB * cb) / ((double) ca + cb)), ca + cb);
            }
        }

        private void set(int slot, float min, float max, float mean, int c) {
            stats[3 * slot] = min;
            stats[3 * slot + 1] = max;
            stats[3 * slot + 2] = mean;
            count[slot] = c;
        }

        float mean(int slot) {
            return count[slot] == 0 ? Float.NaN : stats[3 * slot + 2];
        }

        float openMean() {
            return openCount == 0 ? Float.NaN : (float) (openSum / openCount);
        }

        void emit(int slot, long first, long last, BucketSink sink) {
            int c = count[slot];
            if (c == 0) {
                sink.bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
            } else {
                sink.bucket(first, last, stats[3 * slot], stats[3 * slot + 1], stats[3 * slot + 2], c);
            }
        }

        void emitOpen(long first, long last, BucketSink sink) {
            if (openCount == 0) {
                sink.bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
            } else {
                sink.bucket(first, last, openMin, openMax, openMean(), openCount);
            }
        }
    }

    /**
     * One series' block summaries of the exact window: block {@code b} (steps
     * {@code 16b+1 .. 16b+16}) lives in slot {@code b % ⌈E/16⌉}, written when its last step is
     * appended, and is read only while the whole block is inside the exact window (so its slot
     * has not been reused).
     *
     * <p>Per slot: min and max of the non-NaN values, their count (0 to 16), whether their sum
     * is known, and the sum itself as a 40-bit integer {@code m}: the sum is {@code m·2^q} with
     * {@code q = ulpExponent(M) - 11} and {@code M} the largest |value|. The sum is known, and
     * exact, when every value is a multiple of {@code 2^q} (then
     * {@code |m| < 16·2^(24+11) = 2^39}); else the block is always read raw. A block holding
     * ±∞ has the sum that ∞ arithmetic gives (+∞, -∞ or NaN), derived from min and max; one of
     * zeros only sums to 0. 14 bytes a slot.
     */
    static final class Blocks {
        static final int COUNT_MASK = 0x1F;
        private static final int SUM_KNOWN = 0x20;

        /** Slot k: the bits of min at {@code 3k}, of max at {@code 3k+1}, the low 32 bits of m at {@code 3k+2}. */
        final int[] data;
        /** Bits 0-4 the count, bit 5 {@link #SUM_KNOWN}, bits 8-15 the high 8 bits of {@code m} (signed). */
        final short[] meta;

        Blocks(int slots) {
            this(new int[3 * slots], new short[slots]); // count 0: an empty block
        }

        Blocks(int[] data, short[] meta) {
            this.data = data;
            this.meta = meta;
        }

        private Blocks(Blocks other) {
            data = other.data.clone();
            meta = other.meta.clone();
        }

        Blocks copy() {
            return new Blocks(this);
        }

        /** Summarises the 16 values from {@code ring[start]} on (wrapping) into slot {@code k}. */
        void summarise(int k, float[] ring, int start) {
            float min = Float.NaN;
            float max = Float.NaN;
            double sum = 0;
            int count = 0;
            int grid = Integer.MAX_VALUE; // the coarsest power of two all nonzero finite values are multiples of
            boolean wraps = start + BLOCK > ring.length;
            for (int n = 0; n < BLOCK; n++) {
                int i = start + n;
                float v = ring[wraps && i >= ring.length ? i - ring.length : i];
                if (v != v) {
                    continue;
                }
                if (count == 0) {
                    min = v;
                    max = v;
                } else {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                sum += v;
                count++;
                if (v != 0) {
                    grid = Math.min(grid, gridExponent(v)); // ±∞ gives junk, but then the grid is not used
                }
            }
            long m = 0;
            int flags = count;
            if (count > 0) {
                float maxAbs = Math.max(Math.abs(min), Math.abs(max));
                if (maxAbs == 0 || maxAbs == Float.POSITIVE_INFINITY) {
                    flags |= SUM_KNOWN; // 0, or derived from min and max
                } else {
                    int q = ulpExponent(maxAbs) - BLOCK_SUM_FINE_BITS;
                    if (grid >= q) {
                        // Every partial sum is a multiple of 2^q below 2^(q+39) in magnitude: exact in double.
                        m = (long) Math.scalb(sum, -q);
                        flags |= SUM_KNOWN;
                    }
                }
            }
            data[3 * k] = Float.floatToRawIntBits(min);
            data[3 * k + 1] = Float.floatToRawIntBits(max);
            data[3 * k + 2] = (int) m;
            meta[k] = (short) ((m >> 32) << 8 | flags);
        }

        /**
         * Adds slot {@code k}'s block to {@code r} and returns true if adding its summary gives
         * bit for bit the sum that adding its values one by one (in double, in step order) to
         * {@code r} would; else adds nothing and returns false (read the block raw).
         *
         * <p>Min, max and count reduce the same in any grouping. For the sum: if every partial
         * sum {@code S + v_1 + … + v_i} ({@code S = r.sum()}) is a multiple of {@code 2^g} below
         * {@code 2^(g+53)} in magnitude, each addition one by one is exact, and so is adding the
         * block's exact sum at once: both give the exact {@code S + Σv}. With {@code g} the
         * finer of S's grid and the block's ({@code q}), {@code |S| + count·M} bounds them.
         * Once ±∞ or NaN is in S or the block, the result is the same in any order.
         */
        boolean reduce(int k, Reduction r) {
            int bits = meta[k];
            int count = bits & COUNT_MASK;
            if (count == 0) {
                return true;
            }
            if ((bits & SUM_KNOWN) == 0) {
                return false;
            }
            float min = Float.intBitsToFloat(data[3 * k]);
            float max = Float.intBitsToFloat(data[3 * k + 1]);
            float maxAbs = Math.max(Math.abs(min), Math.abs(max));
            double sum;
            if (maxAbs == Float.POSITIVE_INFINITY) {
                boolean plus = max == Float.POSITIVE_INFINITY;
                boolean minus = min == Float.NEGATIVE_INFINITY;
                sum = plus && minus ? Double.NaN : plus ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            } else if (maxAbs == 0) {
                sum = 0; // S + ±0 one by one leaves S (never -0: it starts at +0)
            } else {
                int q = ulpExponent(maxAbs) - BLOCK_SUM_FINE_BITS;
                double s = r.sum();
                if (Double.isFinite(s)) {
                    int g = s == 0 ? q : Math.min(q, gridExponent(s));
                    double bound = Math.abs(s) + count * (double) maxAbs; // rounding cannot take it below 2^(g+53)
                    if (Math.getExponent(bound) >= g + 53) {
                        return false;
                    }
                }
                long m = ((long) (bits >> 8) << 32) | (data[3 * k + 2] & 0xFFFF_FFFFL);
                sum = Math.scalb((double) m, q);
            }
            r.addSummary(min, max, sum, count);
            return true;
        }

        /** The exponent of the last set bit of finite nonzero {@code v}: v is an odd multiple of 2^that. */
        static int gridExponent(float v) {
            int bits = Float.floatToRawIntBits(v);
            int e = (bits >>> 23) & 0xFF;
            int mantissa = bits & 0x7F_FFFF;
            return e == 0 ? -149 + Integer.numberOfTrailingZeros(mantissa)
                    : e - 150 + Integer.numberOfTrailingZeros(mantissa | 0x80_0000);
        }

        /** The same for a finite nonzero double. */
        static int gridExponent(double v) {
            long bits = Double.doubleToRawLongBits(v);
            int e = (int) (bits >>> 52) & 0x7FF;
            long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
            return e == 0 ? -1074 + Long.numberOfTrailingZeros(mantissa)
                    : e - 1075 + Long.numberOfTrailingZeros(mantissa | 1L << 52);
        }

        /** The exponent of an ulp of finite nonzero {@code v}: {@code |v| < 2^(that+24)}. */
        static int ulpExponent(float v) {
            return Math.max(Math.getExponent(v), Float.MIN_EXPONENT) - 23;
        }
    }
}
