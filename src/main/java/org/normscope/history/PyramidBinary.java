package org.normscope.history;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The binary form of a {@link HistoryPyramid}: its whole state, so that the pyramid read back
 * answers every query and goes on growing bit for bit as the one written. Big-endian, as
 * {@link DataOutput} writes; every float and double by its raw bits (NaN payloads and -0 kept);
 * every ring slot, in use or not. In this order:
 *
 * <pre>
 * int    magic 0x4E534850 ("NSHP")
 * int    format version: 1
 * int    series S
 * int    exactSteps E
 * int    bucketsPerLevel B
 * int    firstWidth w1
 * int    maxLevels L
 * long   steps
 * int    levels n, allocated so far (0 while steps ≤ E)
 * n ×    the step bookkeeping of level 1, 2, … n:
 *          long width, long firstStep, int head, int count, long openSteps
 * S ×    series 0, 1, …:
 *          byte 0 for a lazy series (it has only had NaN; nothing more follows), else 1 and
 *          E × float           the exact ring by slot (step t in slot (t-1) mod E)
 *          3·⌈E/16⌉ × int      the block summaries' data (none when E < 16)
 *          ⌈E/16⌉ × short      the block summaries' meta (none when E < 16)
 *          n ×                 its buckets at level 1, 2, … n:
 *            3B × float          closed slots' min, max, mean (slot by slot)
 *            B × int             closed slots' counts
 *            float openMin, float openMax, double openSum, int openCount
 * </pre>
 *
 * <p>Reading checks everything before it builds on it: the geometry by the constructor's rules
 * and within {@link #MAX_SERIES}, {@link #MAX_EXACT_STEPS} and {@link #MAX_BUCKETS_PER_LEVEL};
 * each level's width, ring position, count and open steps as appending leaves them; that the
 * levels and the exact window cover steps 1 to {@code steps} without gap or overlap; every
 * bucket's and block's count against the steps it spans. Anything else is an
 * {@link IOException} saying what is wrong. Arrays are read in chunks into arrays that grow as
 * the bytes arrive, so a header promising more than follows costs about what does follow, plus
 * one reference per series and level (at most {@code 44·2^16} of them).
 *
 * <p>The size is {@code 40 + S + bytes()} ({@link HistoryPyramid#bytes()} counts exactly what
 * the series and levels write): {@code forStats(384)} after 10^6 steps (11 levels) writes
 * 25,563,656 bytes. On a 2-core machine that took 12 to 30 ms to write, to a byte array or a
 * buffered file, and 120 to 200 ms to read in a fresh JVM, 15 to 60 ms once warm.
 */
final class PyramidBinary {

    static final int MAGIC = 0x4E53_4850;
    static final int VERSION = 1;
    /** At most this many series: about 100 times the window's largest pyramid (640 series). */
    static final int MAX_SERIES = 1 << 16;
    /** At most this many exact steps (64 MiB a series). */
    static final int MAX_EXACT_STEPS = 1 << 24;
    /** At most this many closed buckets a level (16 MiB a series and level). */
    static final int MAX_BUCKETS_PER_LEVEL = 1 << 20;

    /** Values moved per chunk of an array. */
    private static final int CHUNK = 1 << 14;

    private PyramidBinary() {
    }

    static void write(HistoryPyramid p, DataOutput out) throws IOException {
        synchronized (p) {
            int series = p.series();
            int exactSteps = p.exactSteps();
            int bucketsPerLevel = p.bucketsPerLevel();
            if (series > MAX_SERIES || exactSteps > MAX_EXACT_STEPS || bucketsPerLevel > MAX_BUCKETS_PER_LEVEL) {
                throw new IOException("the history is too large to save (" + series + " series, " + exactSteps
                        + " exact steps, " + bucketsPerLevel + " buckets a level; at most " + MAX_SERIES + ", "
                        + MAX_EXACT_STEPS + " and " + MAX_BUCKETS_PER_LEVEL + ")");
            }
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(series);
            out.writeInt(exactSteps);
            out.writeInt(bucketsPerLevel);
            out.writeInt(p.firstWidth());
            out.writeInt(p.maxLevels());
            out.writeLong(p.steps);
            int n = p.levelCount;
            out.writeInt(n);
            for (int j = 0; j < n; j++) {
                PyramidLevel level = p.levels[j];
                out.writeLong(level.width);
                out.writeLong(level.firstStep);
                out.writeInt(level.head);
                out.writeInt(level.count);
                out.writeLong(level.openSteps);
            }
            ByteBuffer chunk = ByteBuffer.allocate(Float.BYTES * CHUNK);
            for (int s = 0; s < series; s++) {
                float[] ring = p.exact[s];
                if (ring == null) {
                    out.writeByte(0);
                    continue;
                }
                out.writeByte(1);
                writeFloats(out, ring, chunk);
                BlockSummaries blocks = p.blocks[s];
                if (blocks != null) {
                    writeInts(out, blocks.data, chunk);
                    writeShorts(out, blocks.meta, chunk);
                }
                for (int j = 0; j < n; j++) {
                    BucketCells cells = p.levels[j].cells[s];
                    writeFloats(out, cells.stats, chunk);
                    writeInts(out, cells.count, chunk);
                    out.writeInt(Float.floatToRawIntBits(cells.open.min()));
                    out.writeInt(Float.floatToRawIntBits(cells.open.max()));
                    out.writeLong(Double.doubleToRawLongBits(cells.open.sum()));
                    out.writeInt((int) cells.open.count());
                }
            }
        }
    }

    static HistoryPyramid read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("the data is not a NormScope history (it starts with 0x%08X, not 0x%08X)",
                    magic, MAGIC));
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("the history is in format version " + version + ", and this NormScope reads version "
                    + VERSION + " only");
        }
        int series = in.readInt();
        int exactSteps = in.readInt();
        int bucketsPerLevel = in.readInt();
        int firstWidth = in.readInt();
        int maxLevels = in.readInt();
        check(series <= MAX_SERIES, "it has " + series + " series, at most " + MAX_SERIES);
        check(exactSteps <= MAX_EXACT_STEPS, "it keeps " + exactSteps + " exact steps, at most " + MAX_EXACT_STEPS);
        check(bucketsPerLevel <= MAX_BUCKETS_PER_LEVEL,
                "it has " + bucketsPerLevel + " buckets a level, at most " + MAX_BUCKETS_PER_LEVEL);
        HistoryPyramid p;
        try {
            p = new HistoryPyramid(series, exactSteps, bucketsPerLevel, firstWidth, maxLevels);
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
        long steps = in.readLong();
        check(steps >= 0, "it has " + steps + " steps");
        int n = in.readInt();
        check(n >= 0 && n <= maxLevels, "it has " + n + " levels, at most " + maxLevels);
        check(n > 0 || steps <= exactSteps,
                "it has no level but " + steps + " steps, more than its exact window of " + exactSteps + " holds");
        check(n == 0 || steps > exactSteps,
                "it has " + n + " levels but only " + steps + " steps, all in its exact window of " + exactSteps);
        PyramidLevel[] levels = new PyramidLevel[n];
        for (int j = 0; j < n; j++) {
            long width = in.readLong();
            long firstStep = in.readLong();
            int head = in.readInt();
            int count = in.readInt();
            long openSteps = in.readLong();
            checkLevel(j, n, p, width, head, count, openSteps);
            PyramidLevel level = new PyramidLevel(width, series, bucketsPerLevel);
            level.firstStep = firstStep;
            level.head = head;
            level.count = count;
            level.openSteps = openSteps;
            levels[j] = level;
        }
        checkCoverage(levels, steps, exactSteps, bucketsPerLevel);
        System.arraycopy(levels, 0, p.levels, 0, n);
        p.levelCount = n;
        p.steps = steps;
        ByteBuffer chunk = ByteBuffer.allocate(Float.BYTES * CHUNK);
        for (int s = 0; s < series; s++) {
            byte marker = in.readByte();
            if (marker == 0) {
                continue;
            }
            if (marker != 1) {
                throw damaged("series " + s + " is marked " + marker + ", not 0 (lazy) or 1");
            }
            p.exact[s] = readFloats(in, exactSteps, chunk);
            if (p.blockSlots > 0) {
                int[] data = readInts(in, 3 * p.blockSlots, chunk);
                short[] meta = readShorts(in, p.blockSlots, chunk);
                for (int k = 0; k < meta.length; k++) {
                    int count = meta[k] & BlockSummaries.COUNT_MASK;
                    if (count > HistoryPyramid.BLOCK) {
                        throw damaged("series " + s + "'s block summary " + k + " counts " + count + " values, at most "
                                + HistoryPyramid.BLOCK);
                    }
                    if ((meta[k] & 0xC0) != 0) {
                        throw damaged("series " + s + "'s block summary " + k + " has unknown flags");
                    }
                }
                p.blocks[s] = new BlockSummaries(data, meta);
            }
            for (int j = 0; j < n; j++) {
                PyramidLevel level = levels[j];
                BucketCells cells = new BucketCells(readFloats(in, 3 * bucketsPerLevel, chunk), readInts(in, bucketsPerLevel, chunk));
                for (int k = 0; k < bucketsPerLevel; k++) {
                    int c = cells.count[k];
                    if (c < 0 || c > level.width) {
                        throw damaged("series " + s + "'s bucket in slot " + k + " of level " + (j + 1) + " counts " + c
                                + " values, and it is " + level.width + " steps wide");
                    }
                }
                float openMin = Float.intBitsToFloat(in.readInt());
                float openMax = Float.intBitsToFloat(in.readInt());
                double openSum = Double.longBitsToDouble(in.readLong());
                int openCount = in.readInt();
                cells.open.set(openMin, openMax, openSum, openCount);
                if (openCount < 0 || openCount > level.openSteps) {
                    throw damaged("series " + s + "'s open bucket of level " + (j + 1) + " counts " + openCount
                            + " values, and it has " + level.openSteps + " steps");
                }
                level.cells[s] = cells;
            }
        }
        return p;
    }

    /**
     * PyramidLevel {@code j+1}'s bookkeeping as appending leaves it: closed buckets {@code w1·2^j} steps
     * wide (the top level's a power of two times that, and at least half full once it halved),
     * every level below the highest one full, the open bucket short of a whole bucket and made of
     * whole buckets of the level below.
     */
    private static void checkLevel(int j, int n, HistoryPyramid p, long width, int head, int count, long openSteps)
            throws IOException {
        String level = "level " + (j + 1);
        int b = p.bucketsPerLevel();
        long base = (long) p.firstWidth() << j;
        if (j < p.maxLevels() - 1) {
            check(width == base, level + " has buckets " + width + " steps wide, not " + base);
        } else {
            check(width >= base && width % base == 0 && Long.bitCount(width / base) == 1,
                    "the top level has buckets " + width + " steps wide, not " + base + " times a power of two");
            check(width == base || count >= b / 2,
                    "the top level has " + count + " buckets after halving, at least " + b / 2);
        }
        check(head >= 0 && head < b, level + "'s oldest bucket is in slot " + head + " of " + b);
        check(count >= 0 && count <= b, level + " has " + count + " buckets, at most " + b);
        check(j == n - 1 || count == b,
                level + " has " + count + " buckets, but a level below the highest is always full (" + b + ")");
        check(openSteps >= 0 && openSteps < width,
                level + "'s open bucket has " + openSteps + " steps, at most " + (width - 1));
        long finer = j == 0 ? 1 : base / 2;
        check(openSteps % finer == 0,
                level + "'s open bucket has " + openSteps + " steps, not whole buckets of " + finer + " steps");
    }

    /**
     * The levels cover steps 1 to {@code steps - E} from the highest down, each starting where
     * the one above it ends, with the ring position that its evictions so far imply.
     */
    private static void checkCoverage(PyramidLevel[] levels, long steps, int exactSteps, int bucketsPerLevel)
            throws IOException {
        long next = 1;
        for (int j = levels.length - 1; j >= 0; j--) {
            PyramidLevel level = levels[j];
            String name = "level " + (j + 1);
            check(level.firstStep == next, name + " starts at step " + level.firstStep + ", not " + next
                    + (j == levels.length - 1 ? "" : " where the level above ends"));
            long evicted = (level.firstStep - 1) / level.width;
            check(level.head == evicted % bucketsPerLevel, name + "'s oldest bucket is in slot " + level.head
                    + ", not " + evicted % bucketsPerLevel + " as its first step " + level.firstStep + " implies");
            try {
                next = Math.addExact(level.firstStep,
                        Math.addExact(Math.multiplyExact((long) level.count, level.width), level.openSteps));
            } catch (ArithmeticException e) {
                throw damaged(name + " ends beyond the last step a long can count");
            }
        }
        long exactFrom = steps - Math.min(steps, exactSteps) + 1;
        check(levels.length == 0 || next == exactFrom, "its levels end at step " + (next - 1)
                + ", not right before the exact window, which starts at step " + exactFrom);
    }

    private static void check(boolean ok, String what) throws IOException {
        if (!ok) {
            throw damaged(what);
        }
    }

    private static IOException damaged(String what) {
        return new IOException("the history is damaged (" + what + ")");
    }

    // ---- arrays in chunks -----------------------------------------------------------------------

    private static void writeFloats(DataOutput out, float[] a, ByteBuffer chunk) throws IOException {
        for (int done = 0, k; done < a.length; done += k) {
            k = Math.min(a.length - done, CHUNK);
            chunk.asFloatBuffer().put(a, done, k); // a copy of the bits: NaN payloads are kept
            out.write(chunk.array(), 0, Float.BYTES * k);
        }
    }

    private static void writeInts(DataOutput out, int[] a, ByteBuffer chunk) throws IOException {
        for (int done = 0, k; done < a.length; done += k) {
            k = Math.min(a.length - done, CHUNK);
            chunk.asIntBuffer().put(a, done, k);
            out.write(chunk.array(), 0, Integer.BYTES * k);
        }
    }

    private static void writeShorts(DataOutput out, short[] a, ByteBuffer chunk) throws IOException {
        for (int done = 0, k; done < a.length; done += k) {
            k = Math.min(a.length - done, CHUNK);
            chunk.asShortBuffer().put(a, done, k);
            out.write(chunk.array(), 0, Short.BYTES * k);
        }
    }

    // An array is allocated one chunk long and doubled as the bytes arrive (a.length = done ≥ CHUNK ≥ k
    // when it is full), so that a length promised by damaged data costs only what follows it.

    private static float[] readFloats(DataInput in, int n, ByteBuffer chunk) throws IOException {
        float[] a = new float[Math.min(n, CHUNK)];
        for (int done = 0, k; done < n; done += k) {
            k = Math.min(n - done, CHUNK);
            in.readFully(chunk.array(), 0, Float.BYTES * k);
            if (done + k > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
            }
            chunk.asFloatBuffer().get(a, done, k);
        }
        return a;
    }

    private static int[] readInts(DataInput in, int n, ByteBuffer chunk) throws IOException {
        int[] a = new int[Math.min(n, CHUNK)];
        for (int done = 0, k; done < n; done += k) {
            k = Math.min(n - done, CHUNK);
            in.readFully(chunk.array(), 0, Integer.BYTES * k);
            if (done + k > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
            }
            chunk.asIntBuffer().get(a, done, k);
        }
        return a;
    }

    private static short[] readShorts(DataInput in, int n, ByteBuffer chunk) throws IOException {
        short[] a = new short[Math.min(n, CHUNK)];
        for (int done = 0, k; done < n; done += k) {
            k = Math.min(n - done, CHUNK);
            in.readFully(chunk.array(), 0, Short.BYTES * k);
            if (done + k > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
            }
            chunk.asShortBuffer().get(a, done, k);
        }
        return a;
    }
}
