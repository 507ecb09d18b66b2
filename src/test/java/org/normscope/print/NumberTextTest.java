package org.normscope.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 4-significant-digit text of the explanations' formulas, and the exact text of their hovers. */
class NumberTextTest {

    @ParameterizedTest(name = "{0}f: operand {1}, result {2}, exact {3}")
    @CsvSource({
        "0.657,      0.657,      0.6570,     0.657",
        "0.7599,     0.7599,     0.7599,     0.7599",
        "0.49,       0.49,       0.4900,     0.49",
        "0.48999998, 0.4900,     0.4900,     0.48999998",
        "0.3,        0.3,        0.3000,     0.3",
        "1,          1,          1,          1",
        "0,          0,          0,          0",
        "-1.5508163, -1.551,     -1.551,     -1.5508163",
        "2.0408163,  2.041,      2.041,      2.0408163",
        "1.4E-45,    1.4e-45,    1.4013e-45, 1.4e-45",
        "2.2517998E15, 2.2518e+15, 2.2518e+15, 2.2517998e+15",
        "2.6714e22,  2.6714e+22, 2.6714e+22, 2.6714e+22",
        "0.99999994, 1.000,      1.000,      0.99999994"})
    void floats(float value, String operand, String result, String exact) {
        assertThat(NumberText.operand(value)).isEqualTo(operand);
        assertThat(NumberText.result(value)).isEqualTo(result);
        assertThat(NumberText.exact(value)).isEqualTo(exact);
    }

    @ParameterizedTest(name = "{0}: operand {1}, exact {2}")
    @CsvSource({"1e-05, 1e-05, 1e-05", "0.1, 0.1, 0.1", "0.3333333333333333, 0.3333, 0.3333333333333333"})
    void doubles(double value, String operand, String exact) {
        assertThat(NumberText.operand(value)).isEqualTo(operand);
        assertThat(NumberText.exact(value)).isEqualTo(exact);
    }
}
