package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * {@link HistoryPyramid#writeTo} and {@link HistoryPyramid#readFrom}: a pyramid read back reads
 * as the one written, bit for bit, and goes on growing as it does; damaged data is refused with
 * an {@link IOException} and nothing else.
 */
class PyramidBinaryTest {

    /** Constant, noise, ramp, NaN gaps, always NaN, NaN until a late start, ±∞, odd bits. */
    static final int SIGNALS = 8;

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Signal {@code s} at step {@code t}: 0 a constant, 1 noise, 2 a ramp, 3 noise with NaN gaps,
     * 4 always NaN (a lazy series), 5 NaN until {@code start} and then noise (a series allocated
     * late), 6 noise with ±∞ and NaN, 7 odd bits (-0, subnormals, a NaN with a payload, ±MAX_VALUE).
     */
    static float signal(long seed, int s, long t, long start) {
        double u = (mix(seed + t * 0x9E3779B97F4A7C15L + s) >>> 11) * 0x1p-53;
        float noise = (float) (100 + 10 * (u - 0.5));
        return switch (s) {
            case 0 -> 3.25f;
            case 1 -> noise;
            case 2 -> (float) (t * 0.001);
            case 3 -> (t / 50) % 4 == 0 || u < 0.05 ? Float.NaN : noise;
            case 4 -> Float.NaN;
            case 5 -> t < start ? Float.NaN : (float) (1e-3 * (u - 0.5));
            case 6 -> u < 0.002 ? Float.POSITIVE_INFINITY : u > 0.998 ? Float.NEGATIVE_INFINITY
                    : u >= 0.5 && u < 0.51 ? Float.NaN : noise;
            default -> switch ((int) (t % 5)) {
                case 0 -> -0f;
                case 1 -> Float.MIN_VALUE * (t % 7);
                case 2 -> Float.intBitsToFloat(0x7FC0_1234);
                case 3 -> u < 0.5 ? Float.MAX_VALUE : -Float.MAX_VALUE;
                default -> noise;
            };
        };
    }

    /** Appends steps {@code p.steps()+1 .. upTo} of the signals (series s is signal {@code s % SIGNALS}). */
    static void appendUpTo(HistoryPyramid p, long seed, long start, long upTo) {
        float[] row = new float[p.series()];
        for (long t = p.steps() + 1; t <= upTo; t++) {
            for (int s = 0; s < row.length; s++) {
                row[s] = signal(seed, s % SIGNALS, t, start);
            }
            p.append(row);
        }
    }

    static byte[] bytes(HistoryPyramid p) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            p.writeTo(new DataOutputStream(buffer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Reads a pyramid from {@code data}, which it must consume to the last byte. */
    static HistoryPyramid read(byte[] data) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        HistoryPyramid p = HistoryPyramid.readFrom(new DataInputStream(in));
        assertThat(in.available()).as("bytes left after the pyramid").isZero();
        return p;
    }

    // ---- reading the same ---------------------------------------------------------------------

    /**
     * A value's bits, with every NaN written as the one canonical NaN: the sign of the NaN that
     * {@code inf + -inf} gives differs between the interpreter and C2's compiled code on x86 (CI saw
     * {@code 7fc00000} from one and {@code ffc00000} from the other in one run), and means nothing.
     */
    static String bits(float v) {
        return Integer.toHexString(Float.floatToIntBits(v));
    }

    static String bits(float[] a) {
        StringBuilder b = new StringBuilder();
        for (float v : a) {
            b.append(bits(v)).append(' ');
        }
        return b.toString();
    }

    /** The ranges to read: everything, past either end, parts of the levels and of the exact window, single steps. */
    static List<long[]> ranges(HistoryPyramid p) {
        long steps = p.steps();
        long e0 = p.exactFrom();
        return List.of(new long[] {1, steps}, new long[] {-5, steps + 10}, new long[] {1, Math.max(1, steps / 3)},
                new long[] {steps / 2, steps / 2 + 17}, new long[] {Math.max(1, e0 - 3), steps}, new long[] {e0, e0},
                new long[] {Math.max(1, e0 - 1), Math.max(1, e0 - 1)}, new long[] {steps / 5, steps - steps / 7});
    }

    /**
     * Everything the public reads (and the tests' package reads) say about {@code p}, floats by
     * their bits, one line a read: two pyramids that read the same give equal lists.
     */
    static List<String> readings(HistoryPyramid p) {
        List<String> r = new ArrayList<>();
        r.add("geometry " + p.series() + " " + p.exactSteps() + " " + p.bucketsPerLevel() + " " + p.firstWidth() + " "
                + p.maxLevels());
        r.add("steps " + p.steps() + " levels " + p.levels() + " exactFrom " + p.exactFrom() + " bytes " + p.bytes());
        for (int j = 0; j <= p.levels(); j++) {
            r.add("level " + j + " width " + p.levelWidth(j));
        }
        long steps = p.steps();
        List<Long> at = new ArrayList<>(List.of(-1L, 0L, 1L, steps, steps + 1, p.exactFrom() - 1, p.exactFrom()));
        for (int i = 0; i <= 400; i++) {
            at.add(steps * i / 400);
        }
        for (long t : at) {
            r.add("bucketAt " + t + " " + Arrays.toString(p.bucketAt(t)) + " levelOf " + p.levelOf(t));
        }
        for (int s = 0; s < p.series(); s++) {
            r.add("series " + s + " bytes " + p.seriesBytes(s));
            StringBuilder exact = new StringBuilder();
            for (long t = p.exactFrom(); t <= steps; t++) {
                exact.append(bits(p.exact(s, t))).append(' ');
            }
            r.add("series " + s + " exact " + exact);
            StringBuilder values = new StringBuilder();
            for (long t : at) {
                values.append(bits(p.valueAt(s, t))).append(' ');
            }
            r.add("series " + s + " valueAt " + values);
            for (long[] range : ranges(p)) {
                StringBuilder buckets = new StringBuilder();
                int n = p.buckets(s, range[0], range[1], (first, last, min, max, mean, count) -> buckets.append(first)
                        .append('-').append(last).append(':').append(bits(min)).append(',').append(bits(max)).append(',')
                        .append(bits(mean)).append(',').append(count).append(' '));
                r.add("series " + s + " buckets " + range[0] + ".." + range[1] + " (" + n + ") " + buckets);
                for (int columns : new int[] {1, 7, 100, 1000}) {
                    float[] min = new float[columns];
                    float[] max = new float[columns];
                    float[] mean = new float[columns];
                    double[] sums = new double[columns];
                    p.columns(s, range[0], range[1], columns, min, max, mean, sums);
                    float[] publicMean = new float[columns];
                    p.columns(s, range[0], range[1], columns, new float[columns], new float[columns], publicMean);
                    StringBuilder sumBits = new StringBuilder();
                    for (double sum : sums) {
                        sumBits.append(Long.toHexString(Double.doubleToLongBits(sum))).append(' ');
                    }
                    r.add("series " + s + " columns " + range[0] + ".." + range[1] + " in " + columns + ": min "
                            + bits(min) + "max " + bits(max) + "mean " + bits(mean) + "public mean " + bits(publicMean)
                            + "sums " + sumBits);
                }
            }
        }
        return r;
    }

    /** {@code copy} reads as {@code original} does, and writes the same bytes. */
    static void assertSame(HistoryPyramid copy, HistoryPyramid original, String what) {
        List<String> expected = readings(original);
        List<String> actual = readings(copy);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertThat(abbreviate(actual.get(i))).as(what + ": reading " + i).isEqualTo(abbreviate(expected.get(i)));
            }
        }
        assertThat(actual).as(what + ": readings").hasSameSizeAs(expected);
        assertThat(bytes(copy)).as(what + ": written again").isEqualTo(bytes(original));
    }

    static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }

    /** Writes, reads back, compares; then appends {@code more} steps to both and compares again. */
    static void roundTrip(HistoryPyramid p, long seed, long start, long more) throws IOException {
        byte[] data = bytes(p);
        assertThat(data.length).as("40 header bytes, a marker a series, and the bytes() it holds")
                .isEqualTo(40 + p.series() + p.bytes());
        HistoryPyramid q = read(data);
        assertSame(q, p, "read back after " + p.steps() + " steps");
        long upTo = p.steps() + more;
        appendUpTo(p, seed, start, upTo);
        appendUpTo(q, seed, start, upTo);
        assertSame(q, p, "both grown to " + upTo + " steps");
    }

    // ---- round trips --------------------------------------------------------------------------

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // E, B, w1, L: with E=20, B=4, w1=2, L=3 the third level comes at step 48 and first halves at step 84
        for (int length : new int[] {0, 1, 19, 20, 21, 37, 48, 83, 84, 100, 300, 5000}) {
            cases.add(Arguments.of(20, 4, 2, 3, length, length % 2 == 0 ? 2000 : 17));
        }
        // no block summaries (E < 16), and the top level is level 1
        for (int length : new int[] {0, 5, 6, 9, 1000}) {
            cases.add(Arguments.of(5, 2, 1, 1, length, 300));
        }
        cases.add(Arguments.of(16, 2, 1, 2, 17, 100));
        cases.add(Arguments.of(33, 6, 3, 4, 10_000, 5000));
        int e = HistoryPyramid.DEFAULT_EXACT_STEPS;
        for (int length : new int[] {0, 5000, e, e + 1, e + 17, 200_000}) {
            cases.add(Arguments.of(e, HistoryPyramid.DEFAULT_BUCKETS_PER_LEVEL, HistoryPyramid.DEFAULT_FIRST_WIDTH,
                    HistoryPyramid.DEFAULT_MAX_LEVELS, length, length == 200_000 ? 20_000 : 33));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "E={0} B={1} w1={2} L={3}, {4} steps then {5} more")
    @MethodSource("cases")
    void aPyramidReadBackReadsAndGrowsAsTheOneWritten(int exact, int buckets, int firstWidth, int levels, int length,
            int more) throws IOException {
        long seed = 31L * length + exact;
        long start = length / 2 + 3;
        HistoryPyramid p = new HistoryPyramid(SIGNALS, exact, buckets, firstWidth, levels);
        appendUpTo(p, seed, start, length);
        roundTrip(p, seed, start, more);
    }

    @Test
    void forStatsAfter200000StepsKeepsItsLazyAndLateSeries() throws IOException {
        HistoryPyramid p = HistoryPyramid.forStats(SIGNALS);
        appendUpTo(p, 7, 150_000, 200_000);
        HistoryPyramid q = read(bytes(p));
        assertThat(q.levels()).isEqualTo(p.levels()).isGreaterThan(5);
        assertThat(q.seriesBytes(4)).as("the always-NaN series is still lazy").isZero();
        assertThat(q.seriesBytes(5)).as("the late series is allocated").isEqualTo(p.seriesBytes(0)).isPositive();
    }

    static LongStream tries() {
        return Gen.tries(40);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void anyPyramidReadBackReadsAndGrowsAsTheOneWritten(long trial) throws IOException {
        Gen g = Gen.of(1_480_916_334L, trial);
        int exact = g.intIn(1, 40);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int series = g.intIn(0, 2 * SIGNALS);
        int length = g.intIn(0, 20_000);
        int more = g.intIn(0, 3000);
        long start = g.longIn(0, length + more);
        long seed = g.anyLong();
        HistoryPyramid p = new HistoryPyramid(series, exact, 2 * halfB, firstWidth, maxLevels);
        appendUpTo(p, seed, start, length);
        roundTrip(p, seed, start, more);
    }

    @Test
    void aCopyOfSomeSeriesWritesAsThoseSeriesAlone() throws IOException {
        HistoryPyramid p = new HistoryPyramid(SIGNALS, 20, 4, 2, 3);
        appendUpTo(p, 3, 40, 500);
        HistoryPyramid copy = p.copy(7, 4, 1);
        assertSame(read(bytes(copy)), copy, "a copy of series 7, 4 and 1");
    }

    // ---- refusals -----------------------------------------------------------------------------

    /** E=20, B=4, w1=2, L=3, the eight signals, 150 steps: three levels, the top one halved. */
    static HistoryPyramid small() {
        HistoryPyramid p = new HistoryPyramid(SIGNALS, 20, 4, 2, 3);
        appendUpTo(p, 11, 60, 150);
        return p;
    }

    /** Offsets in {@link #small()}'s bytes. */
    static final int SERIES = 8;
    static final int EXACT = 12;
    static final int BUCKETS = 16;
    static final int FIRST_WIDTH = 20;
    static final int MAX_LEVELS = 24;
    static final int STEPS = 28;
    static final int LEVELS = 36;
    static final int LEVEL_1 = 40;
    static final int LEVEL_3 = 40 + 2 * 32;
    static final int WIDTH = 0;
    static final int FIRST_STEP = 8;
    static final int HEAD = 16;
    static final int COUNT = 20;
    static final int OPEN_STEPS = 24;
    static final int SERIES_0 = 40 + 3 * 32;
    /** Series 0's block meta: after its marker, 20 floats of exact ring and 2·3 ints of block data. */
    static final int META_0 = SERIES_0 + 1 + 20 * 4 + 6 * 4;
    /** Series 0's level-1 bucket counts: after 2 shorts of block meta and 3·4 floats of stats. */
    static final int COUNTS_0 = META_0 + 2 * 2 + 12 * 4;
    /** Series 0's level-1 open count: after 4 counts, openMin, openMax, openSum. */
    static final int OPEN_COUNT_0 = COUNTS_0 + 4 * 4 + 4 + 4 + 8;

    @Test
    void theOffsetsOfTheRefusalTestsAreWhereTheFormatSays() throws IOException {
        HistoryPyramid p = small();
        assertThat(p.levels()).isEqualTo(3);
        assertThat(p.levelWidth(3)).as("the top level has halved").isGreaterThan(8);
        ByteBuffer b = ByteBuffer.wrap(bytes(p));
        assertThat(b.getInt(0)).isEqualTo(0x4E53_4850);
        assertThat(b.getInt(4)).isEqualTo(1);
        assertThat(b.getInt(SERIES)).isEqualTo(SIGNALS);
        assertThat(b.getInt(EXACT)).isEqualTo(20);
        assertThat(b.getInt(BUCKETS)).isEqualTo(4);
        assertThat(b.getInt(FIRST_WIDTH)).isEqualTo(2);
        assertThat(b.getInt(MAX_LEVELS)).isEqualTo(3);
        assertThat(b.getLong(STEPS)).isEqualTo(150);
        assertThat(b.getInt(LEVELS)).isEqualTo(3);
        assertThat(b.getLong(LEVEL_1 + WIDTH)).isEqualTo(2);
        assertThat(b.getLong(LEVEL_3 + WIDTH)).isEqualTo(p.levelWidth(3));
        assertThat(b.getLong(LEVEL_3 + FIRST_STEP)).isEqualTo(1);
        assertThat(b.get(SERIES_0)).isEqualTo((byte) 1);
        assertThat(b.getInt(SERIES_0 + 1)).isEqualTo(Float.floatToRawIntBits(p.exact(0, 141)));
        assertThat(b.getShort(META_0) & 0x1F).as("a block of the constant: 16 values").isEqualTo(16);
        assertThat(b.getInt(COUNTS_0)).as("a level-1 bucket of the constant: 2 values").isEqualTo(2);
        long firstStep = b.getLong(LEVEL_1 + FIRST_STEP);
        assertThat(b.getInt(OPEN_COUNT_0)).as("the level-1 open bucket of the constant")
                .isEqualTo(b.getLong(LEVEL_1 + OPEN_STEPS)).isEqualTo((150 - 20 - firstStep + 1) % 2);
        assertThat(b.get(SERIES_0 + 4 * (1 + 20 * 4 + 6 * 4 + 2 * 2 + 3 * (12 * 4 + 4 * 4 + 20)))).as("series 4 is lazy")
                .isZero();
    }

    @Test
    void dataCutShortAnywhereIsRefusedAsEndingEarly() {
        byte[] data = bytes(small());
        for (int length = 0; length < data.length; length++) {
            byte[] prefix = Arrays.copyOf(data, length);
            assertThatThrownBy(() -> read(prefix)).as("the first " + length + " of " + data.length + " bytes")
                    .isInstanceOf(EOFException.class);
        }
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("a wrong magic", 0, 4, 0x4E53_4851L, "not a NormScope history"),
                Arguments.of("format version 2", 4, 4, 2L, "format version 2"),
                Arguments.of("format version 0", 4, 4, 0L, "format version 0"),
                Arguments.of("2^31-1 series", SERIES, 4, Integer.MAX_VALUE, "2147483647 series, at most 65536"),
                Arguments.of("2^16+1 series", SERIES, 4, (1 << 16) + 1, "65537 series"),
                Arguments.of("-1 series", SERIES, 4, -1L, "series must be at least 0"),
                Arguments.of("2^24+1 exact steps", EXACT, 4, (1 << 24) + 1, "16777217 exact steps"),
                Arguments.of("no exact step", EXACT, 4, 0L, "exactSteps must be at least 1"),
                Arguments.of("3 buckets a level", BUCKETS, 4, 3L, "bucketsPerLevel must be even"),
                Arguments.of("2^31-1 buckets a level", BUCKETS, 4, Integer.MAX_VALUE, "buckets a level, at most"),
                Arguments.of("first width 0", FIRST_WIDTH, 4, 0L, "firstWidth must be at least 1"),
                Arguments.of("no level allowed", MAX_LEVELS, 4, 0L, "maxLevels must be at least 1"),
                Arguments.of("2 levels allowed", MAX_LEVELS, 4, 2L, "it has 3 levels, at most 2"),
                Arguments.of("100 levels allowed", MAX_LEVELS, 4, 100L, "maxLevels must be at least 1"),
                Arguments.of("-1 steps", STEPS, 8, -1L, "it has -1 steps"),
                Arguments.of("-2^63 steps", STEPS, 8, Long.MIN_VALUE, "steps"),
                Arguments.of("2^63-1 steps", STEPS, 8, Long.MAX_VALUE, "not right before the exact window"),
                Arguments.of("151 steps", STEPS, 8, 151L, "not right before the exact window"),
                Arguments.of("15 steps and levels", STEPS, 8, 15L, "all in its exact window"),
                Arguments.of("-1 levels", LEVELS, 4, -1L, "it has -1 levels"),
                Arguments.of("4 levels", LEVELS, 4, 4L, "it has 4 levels, at most 3"),
                Arguments.of("no level after 150 steps", LEVELS, 4, 0L, "it has no level but 150 steps"),
                Arguments.of("2 levels", LEVELS, 4, 2L, "level 2 starts at step"),
                Arguments.of("level 1 3 steps wide", LEVEL_1 + WIDTH, 8, 3L, "level 1 has buckets 3 steps wide, not 2"),
                Arguments.of("the top 24 steps wide", LEVEL_3 + WIDTH, 8, 24L, "not 8 times a power of two"),
                Arguments.of("the top 2^62 steps wide", LEVEL_3 + WIDTH, 8, 1L << 62, "level 3"),
                Arguments.of("the top -8 steps wide", LEVEL_3 + WIDTH, 8, -8L, "not 8 times a power of two"),
                Arguments.of("level 1 from step 0", LEVEL_1 + FIRST_STEP, 8, 0L, "level 1 starts at step 0"),
                Arguments.of("the top from step 3", LEVEL_3 + FIRST_STEP, 8, 3L, "level 3 starts at step 3, not 1"),
                Arguments.of("level 1's head in slot 4", LEVEL_1 + HEAD, 4, 4L, "in slot 4 of 4"),
                Arguments.of("level 1's head in slot -1", LEVEL_1 + HEAD, 4, -1L, "in slot -1 of 4"),
                Arguments.of("level 1 with 5 buckets", LEVEL_1 + COUNT, 4, 5L, "level 1 has 5 buckets, at most 4"),
                Arguments.of("level 1 with 3 buckets", LEVEL_1 + COUNT, 4, 3L, "always full"),
                Arguments.of("level 1 with -1 buckets", LEVEL_1 + COUNT, 4, -1L, "level 1 has -1 buckets"),
                Arguments.of("the top with 2^31-1 buckets", LEVEL_3 + COUNT, 4, Integer.MAX_VALUE, "at most 4"),
                Arguments.of("the top with 1 bucket after halving", LEVEL_3 + COUNT, 4, 1L, "after halving, at least 2"),
                Arguments.of("level 1 open for 2 steps", LEVEL_1 + OPEN_STEPS, 8, 2L, "open bucket has 2 steps, at most 1"),
                Arguments.of("level 1 open for -1 steps", LEVEL_1 + OPEN_STEPS, 8, -1L, "open bucket has -1 steps"),
                Arguments.of("level 3 open for 3 steps", LEVEL_3 + OPEN_STEPS, 8, 3L, "not whole buckets of 4 steps"),
                Arguments.of("series 0 marked 2", SERIES_0, 1, 2L, "series 0 is marked 2"),
                Arguments.of("series 0 marked -1", SERIES_0, 1, -1L, "series 0 is marked -1"),
                Arguments.of("a block of 17 values", META_0, 2, 17L, "counts 17 values, at most 16"),
                Arguments.of("a block with an unknown flag", META_0, 2, 0x50L, "unknown flags"),
                Arguments.of("a bucket of -1 values", COUNTS_0, 4, -1L, "counts -1 values"),
                Arguments.of("a bucket of 3 values in 2 steps", COUNTS_0, 4, 3L, "counts 3 values, and it is 2 steps wide"),
                Arguments.of("an open bucket of 2 values", OPEN_COUNT_0, 4, 2L, "open bucket of level 1 counts 2 values"),
                Arguments.of("an open bucket of -1 values", OPEN_COUNT_0, 4, -1L, "counts -1 values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void damagedFieldsAreRefusedSayingWhatIsWrong(String what, int offset, int size, long value, String message) {
        ByteBuffer data = ByteBuffer.wrap(bytes(small()));
        switch (size) {
            case 1 -> data.put(offset, (byte) value);
            case 2 -> data.putShort(offset, (short) value);
            case 4 -> data.putInt(offset, (int) value);
            default -> data.putLong(offset, value);
        }
        assertThatThrownBy(() -> read(data.array())).isExactlyInstanceOf(IOException.class).hasMessageContaining(message);
    }

    @Test
    void aHeaderPromisingMoreThanFollowsIsRefusedWhenTheDataEnds() {
        ByteBuffer header = ByteBuffer.allocate(40 + 2 + 3000);
        header.putInt(0x4E53_4850).putInt(1).putInt(PyramidBinary.MAX_SERIES).putInt(PyramidBinary.MAX_EXACT_STEPS)
                .putInt(2).putInt(1).putInt(1).putLong(0).putInt(0).put((byte) 0).put((byte) 1);
        assertThatThrownBy(() -> read(header.array())).isInstanceOf(EOFException.class);
    }

    @Test
    void aPyramidLargerThanReadingAcceptsIsNotWritten() {
        HistoryPyramid p = new HistoryPyramid(PyramidBinary.MAX_SERIES + 1, 1, 2, 1, 1);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertThatThrownBy(() -> p.writeTo(new DataOutputStream(buffer))).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("too large to save");
        assertThat(buffer.size()).isZero();
    }

    static LongStream fuzzTries() {
        return Gen.tries(300);
    }

    /**
     * Random damage: bytes overwritten anywhere. The data is refused with an IOException, or is
     * read as a pyramid that every read and further appends handle without an exception.
     */
    @ParameterizedTest(name = "try {0}")
    @MethodSource("fuzzTries")
    void randomDamageIsRefusedOrReadsAsAWorkingPyramid(long trial) throws IOException {
        Gen g = Gen.of(2_718_281_828L, trial);
        byte[] data = bytes(small());
        SplittableRandom r = g.random();
        int changes = g.intIn(1, 4);
        boolean header = g.bool();
        for (int i = 0; i < changes; i++) {
            int at = header ? r.nextInt(SERIES_0 + 1) : r.nextInt(data.length);
            data[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : data[at] ^ (1 << r.nextInt(8)));
        }
        HistoryPyramid p;
        try {
            p = HistoryPyramid.readFrom(new DataInputStream(new ByteArrayInputStream(data)));
        } catch (IOException refused) {
            return;
        }
        readings(p);
        appendUpTo(p, 5, 0, p.steps() + 300);
        readings(p);
        assertSame(read(bytes(p)), p, "a damaged pyramid that was accepted");
    }
}
