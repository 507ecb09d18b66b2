package org.normscope.history;

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
final class BlockSummaries {
    static final int COUNT_MASK = 0x1F;
    private static final int SUM_KNOWN = 0x20;

    /** Slot k: the bits of min at {@code 3k}, of max at {@code 3k+1}, the low 32 bits of m at {@code 3k+2}. */
    final int[] data;
    /** Bits 0-4 the count, bit 5 {@link #SUM_KNOWN}, bits 8-15 the high 8 bits of {@code m} (signed). */
    final short[] meta;

    BlockSummaries(int slots) {
        this(new int[3 * slots], new short[slots]); // count 0: an empty block
    }

    BlockSummaries(int[] data, short[] meta) {
        this.data = data;
        this.meta = meta;
    }

    private BlockSummaries(BlockSummaries other) {
        data = other.data.clone();
        meta = other.meta.clone();
    }

    BlockSummaries copy() {
        return new BlockSummaries(this);
    }

    /** Summarises the 16 values from {@code ring[start]} on (wrapping) into slot {@code k}. */
    void summarise(int k, float[] ring, int start) {
        float min = Float.NaN;
        float max = Float.NaN;
        double sum = 0;
        int count = 0;
        int grid = Integer.MAX_VALUE; // the coarsest power of two all nonzero finite values are multiples of
        boolean wraps = start + HistoryPyramid.BLOCK > ring.length;
        for (int n = 0; n < HistoryPyramid.BLOCK; n++) {
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
                int q = ulpExponent(maxAbs) - HistoryPyramid.BLOCK_SUM_FINE_BITS;
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
            int q = ulpExponent(maxAbs) - HistoryPyramid.BLOCK_SUM_FINE_BITS;
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
