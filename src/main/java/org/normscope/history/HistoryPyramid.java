package org.normscope.history;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bounded, multi-resolution history of many float series: the recent past exactly (the last
 * {@code E} steps, a ring per series), the older past as min/max/mean buckets whose width doubles
 * from level to level, so that memory grows with {@code log(steps)} and then stays put; the
 * design, the bucket arithmetic and why {@link #columns} may read whole 16-step blocks by their
 * summaries with bit-exact results are in {@code docs/decisions/history-pyramid.md}.
 *
 * <p>One row of {@link #series()} values per step, steps 1, 2, 3, … in the order of
 * {@link #append(float[])}; NaN means "missing". Every public method is {@code synchronized}:
 * one thread may append while others query; {@link #copy(int...)} takes a consistent snapshot.
 * {@link #writeTo(DataOutput)} and {@link #readFrom(DataInput)} save and restore the whole state
 * bit for bit ({@link PyramidBinary}).
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
    final BlockSummaries[] blocks;
    /** Slots per {@link BlockSummaries} ring: {@code ⌈E/16⌉}, or 0 when {@code E < 16} (no block fits in the window). */
    final int blockSlots;
    /** Raw exact-window values read by {@link #columns} so far (for tests: blocks read by summary are not counted). */
    long rawVisits;
    /** levels[j-1] is level j; the first levelCount are allocated. */
    final PyramidLevel[] levels;
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
        this.blocks = new BlockSummaries[series];
        this.blockSlots = exactSteps < BLOCK ? 0 : (exactSteps + BLOCK - 1) / BLOCK;
        this.levels = new PyramidLevel[maxLevels];
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
        PyramidLevel first = evicts ? level(0) : null;
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
            BlockSummaries b = blocks[s];
            if (b != null) {
                b.summarise(k, exact[s], start);
            }
        }
    }

    /** Closes every complete open bucket, from level 1 up, evicting or halving as it goes. */
    private void carry() {
        for (int j = 0; j < levelCount; j++) {
            PyramidLevel level = levels[j];
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

    private void evictOldest(PyramidLevel level, PyramidLevel next) {
        int slot = level.head;
        for (int s = 0; s < series; s++) {
            BucketCells from = level.cells[s];
            if (from != null) {
                next.cells[s].add(from, slot);
            }
        }
        next.openSteps += level.width;
        level.head = (level.head + 1) % bucketsPerLevel;
        level.count--;
        level.firstStep += level.width;
    }

    private void close(PyramidLevel level) {
        int slot = level.slot(level.count);
        for (int s = 0; s < series; s++) {
            BucketCells cells = level.cells[s];
            if (cells != null) {
                cells.close(slot);
            }
        }
        level.count++;
        level.openSteps = 0;
    }

    /** Merges closed buckets 2k and 2k+1 into k (in place: k ≤ 2k is never read again). */
    private void halve(PyramidLevel level) {
        for (int s = 0; s < series; s++) {
            BucketCells cells = level.cells[s];
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
    private PyramidLevel level(int index) {
        if (index == levelCount) {
            PyramidLevel level = new PyramidLevel((long) firstWidth << index, series, bucketsPerLevel);
            for (int s = 0; s < series; s++) {
                if (exact[s] != null) {
                    level.cells[s] = new BucketCells(bucketsPerLevel);
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
            blocks[s] = new BlockSummaries(blockSlots); // every block so far was all NaN: empty summaries are right
        }
        for (int j = 0; j < levelCount; j++) {
            levels[j].cells[s] = new BucketCells(bucketsPerLevel);
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
            PyramidLevel level = levels[j];
            BucketCells cells = level.cells[s];
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
     * Reduces series {@code s} over {@code from..to} to {@code columns} pixel columns: column
     * {@code i} covers steps {@code [from + ⌊i·span/columns⌋, from + ⌊(i+1)·span/columns⌋ − 1]},
     * {@code span = to − from + 1} ({@link ColumnReducer#even}), laid out on the requested range
     * so that steps outside {@code 1..steps()} read NaN and a column keeps its meaning as the
     * history grows. A bucket goes to every column it overlaps, weighted by the share of its
     * steps each covers: a column's min and max bracket every value of its steps, its mean is the
     * weighted mean, and a column with only missing values reads NaN. Inside the exact window,
     * whole 16-step blocks are read by their summaries where that gives the same result.
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
        ColumnReducer reducer = new ColumnReducer(ColumnReducer.even(from, span, columns), from, to, min, max, mean,
                sums);
        long lo = Math.max(from, 1);
        long hi = Math.min(to, steps);
        if (lo <= hi) {
            visitLevels(s, lo, hi, reducer);
            long first = Math.max(lo, exactFrom());
            if (first <= hi && exact[s] != null) { // a lazy series' exact steps are all missing: nothing to add
                rawVisits += reducer.addExact(exact[s], blocks[s], blockSlots, first, hi);
            }
        }
        reducer.flush();
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
        PyramidLevel level = levelHolding(step);
        BucketCells cells = level.cells[s];
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
        PyramidLevel level = levelHolding(step);
        long k = (step - level.firstStep) / level.width;
        if (k < level.count) {
            long first = level.firstStep + k * level.width;
            return new long[] {first, first + level.width - 1};
        }
        return new long[] {level.openFirst(), level.openFirst() + level.openSteps - 1};
    }

    /** The level whose range holds {@code step}, which must be before the exact window. */
    private PyramidLevel levelHolding(long step) {
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
            BlockSummaries b = blocks[seriesIndices[i]];
            c.blocks[i] = b == null ? null : b.copy();
        }
        for (int j = 0; j < levelCount; j++) {
            PyramidLevel level = levels[j];
            PyramidLevel copy = new PyramidLevel(level.width, seriesIndices.length, bucketsPerLevel);
            copy.firstStep = level.firstStep;
            copy.head = level.head;
            copy.count = level.count;
            copy.openSteps = level.openSteps;
            for (int i = 0; i < seriesIndices.length; i++) {
                BucketCells cells = level.cells[seriesIndices[i]];
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
}
