package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code normscope demo notebook} prints what the reference notebook
 * ({@code src/test/resources/reference/batchnorm-notebook.md}) printed, output for output.
 */
class DemoCommandTest {

    private static final Pattern NOTEBOOK_CELL = Pattern.compile("^In \\[(\\d+)\\]:\\s*$");
    private static final Pattern DEMO_CELL = Pattern.compile("^# In \\[(\\d+)\\]:.*$");
    private static final String OLD_GRAD_FN = "grad_fn=<NativeBatchNormBackward>";
    private static final String GRAD_FN = "grad_fn=<NativeBatchNormBackward0>";

    /** One printed output of the notebook: a tensor, a parameter or a size, and the cell that printed it. */
    record Output(int cell, String text) {
    }

    private static List<Output> notebook;
    private static Cli.Run demo;

    @BeforeAll
    static void readNotebookAndRunDemo() throws IOException {
        List<String> lines = Files.readAllLines(Paths.get("src/test/resources/reference/batchnorm-notebook.md"),
                StandardCharsets.UTF_8);
        notebook = printedOutputs(lines);
        demo = Cli.run("demo", "notebook");
    }

    /**
     * The notebook's printed outputs in order. After each {@code In [N]:} code cell come the
     * cell's outputs: {@code tensor(...)} blocks (which may span lines, with blank lines inside,
     * and end where their parentheses close), {@code Parameter containing:} followed by such a
     * block, and one-line {@code torch.Size([...])}.
     */
    static List<Output> printedOutputs(List<String> lines) {
        List<Output> outputs = new ArrayList<>();
        int cell = -1;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher m = NOTEBOOK_CELL.matcher(line);
            if (m.matches()) {
                cell = Integer.parseInt(m.group(1));
                i++;
            } else if (line.startsWith("torch.Size(")) {
                outputs.add(new Output(cell, line));
                i++;
            } else if (line.startsWith("tensor(") || line.equals("Parameter containing:")) {
                List<String> block = new ArrayList<>();
                if (line.equals("Parameter containing:")) {
                    block.add(line);
                    i++;
                    assertThat(lines.get(i)).startsWith("tensor(");
                }
                int depth = 0;
                do {
                    String l = lines.get(i++);
                    block.add(l);
                    depth += count(l, '(') - count(l, ')');
                } while (depth > 0);
                outputs.add(new Output(cell, String.join("\n", block)));
            } else {
                i++;
            }
        }
        return outputs;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static String today(String notebookText) {
        return notebookText.replace(OLD_GRAD_FN, GRAD_FN);
    }

    private static List<String> demoLines() {
        return demo.out().lines().toList();
    }

    @Test
    void theNotebookHasTheOutputsTheIssueDescribes() {
        // cell 12: four train steps x (output, running_mean, running_var); 13-15: one output each;
        // 16, 17: weight and bias; 18, 19: the sizes.
        assertThat(notebook).hasSize(19);
        assertThat(notebook).extracting(Output::cell)
                .containsExactly(12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(notebook.get(0).text()).startsWith("tensor([[[0.],").endsWith(OLD_GRAD_FN + ")");
        assertThat(notebook.get(0).text().lines()).hasSize(9);
        assertThat(notebook.get(15).text()).isEqualTo("Parameter containing:\ntensor([1., 1., 1., 1.], requires_grad=True)");
        assertThat(notebook.get(18).text()).isEqualTo("torch.Size([3, 7, 3, 4, 4])");
    }

    @Test
    void demoNotebookExitsZeroWithNothingOnStderr() {
        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        assertThat(demo.err()).isEmpty();
    }

    @Test
    void demoNotebookPrintsExactlyTheNotebooksOutputsInOrder() {
        String expected = notebook.stream().map(o -> today(o.text())).collect(Collectors.joining("\n"));
        String printed = demoLines().stream().filter(l -> !l.startsWith("# ")).collect(Collectors.joining("\n"));

        assertThat(printed).isEqualTo(expected);
    }

    @Test
    void eachCellHeaderIsFollowedByThatCellsOutputs() {
        Map<Integer, List<String>> expected = new LinkedHashMap<>();
        notebook.forEach(o -> expected.computeIfAbsent(o.cell(), c -> new ArrayList<>()).add(today(o.text())));

        Map<Integer, List<String>> printed = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : demoLines()) {
            Matcher m = DEMO_CELL.matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                assertThat(printed.put(Integer.parseInt(m.group(1)), current)).as("cell %s printed twice", m.group(1))
                        .isNull();
            } else {
                assertThat(line).as("comment lines start with '# In ['").doesNotStartWith("#");
                assertThat(current).as("output before the first cell header: %s", line).isNotNull();
                current.add(line);
            }
        }

        assertThat(printed.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((cell, outputs) -> assertThat(String.join("\n", printed.get(cell)))
                .as("cell %d", cell).isEqualTo(String.join("\n", outputs)));
    }

    @Test
    void theFiguresOfTheIssueAppear() {
        String out = demo.out();
        for (String mean : List.of("0.3000", "0.5100", "0.6570", "0.7599")) {
            assertThat(out).contains("tensor([" + mean + ", " + mean + ", " + mean + ", " + mean + "])");
        }
        for (String var : List.of("0.7000", "0.4900", "0.3430", "0.2401")) {
            assertThat(out).contains("tensor([" + var + ", " + var + ", " + var + ", " + var + "])");
        }
        assertThat(out).contains("tensor([[[0.4900],\n         [0.4900],");
        assertThat(out).contains("torch.Size([5, 6, 4, 4])").contains("torch.Size([3, 7, 3, 4, 4])");
        assertThat(out).contains("Parameter containing:\ntensor([1., 1., 1., 1.], requires_grad=True)");
        assertThat(out).contains("Parameter containing:\ntensor([0., 0., 0., 0.], requires_grad=True)");
        assertThat(out).contains(GRAD_FN).doesNotContain(OLD_GRAD_FN + ")");
    }

    @Test
    void runningMeanThenRunningVarAfterEachTrainStep() {
        List<String> cell12 = notebook.stream().filter(o -> o.cell() == 12).map(Output::text).toList();
        List<String> printed = demoLines().stream().filter(l -> l.startsWith("tensor([0.")).toList();

        assertThat(printed).containsSubsequence(
                "tensor([0.3000, 0.3000, 0.3000, 0.3000])", "tensor([0.7000, 0.7000, 0.7000, 0.7000])",
                "tensor([0.5100, 0.5100, 0.5100, 0.5100])", "tensor([0.4900, 0.4900, 0.4900, 0.4900])",
                "tensor([0.6570, 0.6570, 0.6570, 0.6570])", "tensor([0.3430, 0.3430, 0.3430, 0.3430])",
                "tensor([0.7599, 0.7599, 0.7599, 0.7599])", "tensor([0.2401, 0.2401, 0.2401, 0.2401])");
        assertThat(cell12).filteredOn(t -> t.startsWith("tensor([0.")).containsExactlyElementsOf(printed.subList(0, 8));
    }

    @Test
    void anUnknownDemoExitsTwoWithUsage() {
        Cli.Run run = Cli.run("demo", "unknown");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("'unknown'").contains("notebook").contains("(see `normscope demo --help`)")
                .doesNotContain("Usage:");
    }

    @Test
    void demoWithoutANameExitsTwoWithUsage() {
        Cli.Run run = Cli.run("demo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope demo: Missing required parameter: 'NAME' "
                + "(see `normscope demo --help`)");
    }
}
