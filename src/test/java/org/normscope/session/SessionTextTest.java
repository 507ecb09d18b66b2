package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's own words come in the window's language; PyTorch's printed tensors and code stay as PyTorch prints them. */
class SessionTextTest {

    @AfterEach
    void english() {
        SessionText.setLocale(Locale.ENGLISH);
    }

    private static List<String> texts(Session s) {
        return s.console().since(0).stream().map(ConsoleLog.Entry::text).toList();
    }

    @Test
    void inChineseTheStepHeaderAndNotesAreChineseAndTheTensorsArePyTorchs() {
        SessionText.setLocale(Locale.SIMPLIFIED_CHINESE);
        Session s = Session.notebook();
        s.step();
        s.configure(s.config().withEps(0.5));
        s.resetRunningStats();
        List<String> texts = texts(s);
        String step = texts.stream().filter(t -> t.contains("running_mean = tensor")).findFirst().orElseThrow();
        assertThat(step).startsWith("第 1 步 · 训练模式 · x: torch.Size([2, 4, 1])")
                .contains("running_mean = tensor([0.3000, 0.3000, 0.3000, 0.3000])");
        assertThat(texts).contains(">>> layer.eps = 0.5\n（从下一步起生效，与 PyTorch 相同）");
        assertThat(s.snapshot().notice()).isEqualTo(
                "running 统计量已重置：running_mean 为 0，running_var 为 1，num_batches_tracked 为 0。");
    }

    @Test
    void inEnglishTheyReadAsBefore() {
        Session s = Session.notebook();
        s.step();
        assertThat(texts(s).get(texts(s).size() - 1)).startsWith("step 1 · train · x: torch.Size([2, 4, 1])\ny = tensor(");
    }
}
