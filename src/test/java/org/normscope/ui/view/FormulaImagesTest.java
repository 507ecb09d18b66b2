package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;

/** JLaTeXMath typesets headless into a JavaFX image (no toolkit needed to make a WritableImage's pixels). */
class FormulaImagesTest {

    private static final int INK = 0xff1f2328;

    @Test
    void aFormulaBecomesAnImageWithInkOnATransparentBackground() {
        Image img = FormulaImages.render("\\mathrm{running\\_var} \\leftarrow (1-0.3)\\cdot 0.343 + 0.3\\cdot 0 = 0.2401",
                20, INK);
        assertThat(img.getWidth()).isGreaterThan(200);
        assertThat(img.getHeight()).isBetween(15.0, 60.0);
        int inked = 0;
        int transparent = 0;
        var reader = img.getPixelReader();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = reader.getArgb(x, y) >>> 24;
                if (a == 0) {
                    transparent++;
                } else if (a > 200) {
                    inked++;
                }
            }
        }
        assertThat(inked).isGreaterThan(100);
        assertThat(transparent).isGreaterThan(inked);
    }

    @Test
    void largerTextMakesALargerImageAndTheSameFormulaComesFromTheCache() {
        Image small = FormulaImages.render("\\sqrt{\\sigma^2_B + \\varepsilon}", 15, INK);
        Image large = FormulaImages.render("\\sqrt{\\sigma^2_B + \\varepsilon}", 30, INK);
        assertThat(large.getHeight()).isGreaterThan(small.getHeight() * 1.6);
        assertThat(FormulaImages.render("\\sqrt{\\sigma^2_B + \\varepsilon}", 15, INK)).isSameAs(small);
    }

    @Test
    void chineseTextIsTypesetToo() {
        Image img = FormulaImages.render("\\text{批量均值 } \\mu_B = 1", 20, INK);
        assertThat(img.getWidth()).isGreaterThan(60);
    }

    @Test
    void aFormulaWiderThanItsRoomIsBrokenIntoLines() {
        String tex = "\\mathrm{running\\_mean} = 0.7599,\\ \\mathrm{running\\_var} = 0.2401,\\ "
                + "\\mathrm{num\\_batches\\_tracked} = 4";
        Image one = FormulaImages.render(tex, 20, INK);
        Image broken = FormulaImages.render(tex, 20, INK, one.getWidth() * 0.6);
        assertThat(broken.getWidth()).isLessThanOrEqualTo(one.getWidth() * 0.6);
        assertThat(broken.getHeight()).isGreaterThan(one.getHeight() * 1.5);
    }

    @Test
    void aFormulaIsCutAtItsTopLevelRelationsAndAfterTheCommasOfAList() {
        assertThat(FormulaImages.relations("y = \\frac{1 - 0.7599}{\\sqrt{0.2401 + 0}}\\cdot 1 + 0 = 0.4900"))
                .containsExactly("y ", "= \\frac{1 - 0.7599}{\\sqrt{0.2401 + 0}}\\cdot 1 + 0 ", "= 0.4900");
        assertThat(FormulaImages.relations("a \\leftarrow b = 2.041"))
                .containsExactly("a ", "\\leftarrow b ", "= 2.041");
        assertThat(FormulaImages.relations("m = 1,\\ v = 2"))
                .containsExactly("m ", "= 1,\\ ", "v ", "= 2");
    }
}
