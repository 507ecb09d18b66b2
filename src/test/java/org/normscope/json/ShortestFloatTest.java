package org.normscope.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * {@link ShortestFloat}: the shortest decimal that reads back as the same float, in
 * {@code Float.toString}'s layout (the CSV export's number tests, moved here with the formatter).
 */
class ShortestFloatTest {

    @Test
    void numbersAreLaidOutAsFloatToStringLaysThemOut() {
        float[] values = {1f, 0.1f, 0.3f, 1e-4f, 1.2345678e7f, 100f, -0f, 0f, 0.001f, 9999999f, 1e7f, -2.5e-3f,
            Float.MAX_VALUE, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float v : values) {
            assertThat(ShortestFloat.format(v)).as("%s", v).isEqualTo(Float.toString(v));
        }
        assertThat(ShortestFloat.format(1.1884683E13f)).as("Java 17's Float.toString gives 1.18846831E13")
                .isEqualTo("1.1884683E13");
        assertThat(ShortestFloat.format(Float.MIN_NORMAL)).as("Java 17's Float.toString gives 1.17549435E-38")
                .isEqualTo("1.1754944E-38");
    }

    static LongStream tries2000() {
        return Gen.tries(2_000);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries2000")
    void numbersAreTheShortestThatReadBackAsTheSameFloat(long trial) {
        int bits = Gen.of(32, trial).anyInt();
        float v = Float.intBitsToFloat(bits);
        String s = ShortestFloat.format(v);
        if (Float.isNaN(v)) {
            assertThat(s).isEqualTo("NaN");
            return;
        }
        assertThat(Float.floatToIntBits(Float.parseFloat(s))).as(s).isEqualTo(Float.floatToIntBits(v));
        // At least 2 digits, as Java 19+ (1.0E-43 and 9.9E-44 both read back; the closer one is chosen).
        assertThat(digits(s)).as(s + " against " + Float.toString(v))
                .isLessThanOrEqualTo(Math.max(2, digits(Float.toString(v))));
        assertThat(s.replaceAll("[-0-9]", "")).as(s).isIn(".", ".E", "Infinity");
    }

    /** Significant digits of a Float.toString-style string. */
    private static int digits(String s) {
        String m = s.replace("-", "").replaceAll("E.*", "").replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
        return Math.max(1, m.length());
    }

    /** Any float (a quarter of them subnormal) reads back bit for bit and is never longer than Float.toString. */
    @Test
    void everyFloatReadsBackBitForBitAndIsNeverLongerThanFloatToString() {
        SplittableRandom r = new SplittableRandom(4511638);
        for (int n = 0; n < 1_000_000; n++) {
            int bits = n % 4 == 0 ? r.nextInt(0x0080_0000) | (r.nextBoolean() ? 0x8000_0000 : 0) : r.nextInt();
            float v = Float.intBitsToFloat(bits);
            if (Float.isNaN(v)) {
                continue;
            }
            String s = ShortestFloat.format(v);
            assertThat(Float.floatToRawIntBits(Float.parseFloat(s))).as(s).isEqualTo(bits);
            assertThat(s.length()).as(s + " against " + Float.toString(v))
                    .isLessThanOrEqualTo(Float.toString(v).length());
        }
    }

    @Test
    void nanIsNaN() {
        assertThat(ShortestFloat.format(Float.NaN)).isEqualTo("NaN");
    }

    /** The JSON writers built with {@link ShortestFloat#JSON_FEATURE} write a float as {@link ShortestFloat#format} does. */
    @Test
    void aJsonWriterWithTheFeatureWritesTheSameDigits() throws Exception {
        var mapper = JsonMapper.builder().enable(ShortestFloat.JSON_FEATURE).build();
        SplittableRandom r = new SplittableRandom(19);
        var array = JsonNodeFactory.instance.arrayNode();
        StringBuilder expected = new StringBuilder("[");
        for (int n = 0; n < 10_000; n++) {
            float v = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                continue;
            }
            array.add(v);
            expected.append(expected.length() > 1 ? "," : "").append(ShortestFloat.format(v));
        }
        assertThat(mapper.writeValueAsString(array)).isEqualTo(expected.append(']').toString());
        assertThat(mapper.writeValueAsString(JsonNodeFactory.instance.numberNode(1.1884683E13f)))
                .as("Java 17's Float.toString gives 1.18846831E13").isEqualTo("1.1884683E13");
    }
}
