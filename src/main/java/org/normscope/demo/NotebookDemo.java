package org.normscope.demo;

import java.io.PrintWriter;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.print.TensorPrinter;

/**
 * Replays the notebook our users start from ({@code shared/reference/batchnorm-notebook.md})
 * on the engine and prints what it printed, cell by cell. Lines starting with {@code #} name
 * the cell and what it does; every other line is the notebook's output, with today's
 * {@code grad_fn=<NativeBatchNormBackward0>} (the notebook was printed by an older PyTorch).
 */
public final class NotebookDemo {

    /** What today's PyTorch shows for the output of a BatchNorm forward. */
    public static final String GRAD_FN = "grad_fn=<NativeBatchNormBackward0>";

    private final PrintWriter out;

    public NotebookDemo(PrintWriter out) {
        this.out = out;
    }

    /** Runs every cell. */
    public void run() {
        BatchNorm bn1 = new BatchNorm1d(4, 0.0, Momentum.of(0.3), true, true);
        Tensor entry = Tensor.ones(2, 4, 1);

        cell(12, "net = bn(C=4): BatchNorm1d(4, eps=0, momentum=0.3) on entry = torch.ones((2, 4, 1));"
                + " for i in range(4): print(net(entry)), print(running_mean), print(running_var)");
        for (int i = 0; i < 4; i++) {
            out.println(TensorPrinter.repr(bn1.forward(entry), GRAD_FN));
            out.println(TensorPrinter.repr(vector(bn1.runningMean())));
            out.println(TensorPrinter.repr(vector(bn1.runningVar())));
        }

        bn1.eval();
        cell(13, "net.eval(); t_out = net(torch.ones((2, 4, 1))): normalized with running_mean and running_var");
        out.println(TensorPrinter.repr(bn1.forward(Tensor.ones(2, 4, 1)), GRAD_FN));
        cell(14, "t_out2 = net(torch.ones((2, 4, 1))): eval mode leaves the running stats alone, so the same again");
        out.println(TensorPrinter.repr(bn1.forward(Tensor.ones(2, 4, 1)), GRAD_FN));

        bn1.train();
        cell(15, "net.train(); t_out3 = net(torch.ones((2, 4, 1))): batch statistics again");
        out.println(TensorPrinter.repr(bn1.forward(Tensor.ones(2, 4, 1)), GRAD_FN));

        cell(16, "net.bn1.weight");
        out.println(TensorPrinter.parameterRepr(vector(bn1.weight())));
        cell(17, "net.bn1.bias");
        out.println(TensorPrinter.parameterRepr(vector(bn1.bias())));

        cell(18, "nn.BatchNorm2d(num_features=6)(torch.ones(5, 6, 4, 4)).shape");
        out.println(new BatchNorm2d(6).forward(Tensor.ones(5, 6, 4, 4)).sizeString());
        cell(19, "nn.BatchNorm3d(num_features=7)(torch.ones(3, 7, 3, 4, 4)).shape");
        out.println(new BatchNorm3d(7).forward(Tensor.ones(3, 7, 3, 4, 4)).sizeString());
    }

    private void cell(int number, String what) {
        out.println("# In [" + number + "]: " + what);
    }

    private static Tensor vector(float[] values) {
        return new Tensor(new int[] {values.length}, values);
    }
}
