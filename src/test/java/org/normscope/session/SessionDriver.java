package org.normscope.session;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;

/**
 * A session put through every kind of change, with what it gave at every step and attempt
 * recorded as it ran (shared by the journal, rebuild and export tests).
 */
final class SessionDriver {

    /** What one successful step or refused attempt gave. */
    record Outcome(long step, Tensor output, String refusal, float[] runningMean, float[] runningVar, long tracked) {
    }

    final Session session;
    final List<Outcome> outcomes = new ArrayList<>();

    SessionDriver(Session session) {
        this.session = session;
    }

    /** N = 1 with no L: PyTorch refuses it in train mode. */
    static BatchSpec oneRow(int channels) {
        List<ChannelSource> sources = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            sources.add(new ChannelSource.Normal(c, 1));
        }
        return new BatchSpec(1, new int[0], sources, 0, 5, true);
    }

    /** Steps {@code n} times (quietly if asked), recording each outcome; returns whether every step ran. */
    boolean step(int n, boolean quiet) {
        for (int i = 0; i < n; i++) {
            boolean ran = quiet ? session.stepQuietly() : session.step();
            var layer = session.layer();
            outcomes.add(new Outcome(ran ? session.stepCount() : session.stepCount() + 1,
                    ran ? session.lastOutput() : null, ran ? null : session.refusal(), layer.runningMean(),
                    layer.runningVar(), layer.numBatchesTracked()));
            if (!ran) {
                return false;
            }
        }
        return true;
    }

    boolean step(int n) {
        return step(n, false);
    }

    /** Every change: eps, momentum (None), mode, weight, bias, outliers, resets, refusals, fresh and repeated batches. */
    static SessionDriver everyChange() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 3, 0, 1),
                Momentum.CUMULATIVE);
        SessionDriver d = new SessionDriver(s);
        d.step(2);
        s.setTraining(false);
        d.step(1);                                   // eval: normalized with the running stats
        s.setTraining(true);
        s.configure(s.config().withEps(0.5));
        d.step(2, true);
        s.configure(s.config().withMomentum(Momentum.CUMULATIVE));
        d.step(3, true);
        s.setWeight(1, 2.5f);
        s.setBias(2, -1f);
        d.step(1);
        s.queueOutlier();
        d.step(1);
        d.step(2);
        s.setBatches(new BatchSpec(5, new int[] {3}, List.of(new ChannelSource.Uniform(-3, 5),
                new ChannelSource.Constant(2), new ChannelSource.Normal(1, 0.5)), 0.25, 9, false));
        d.step(3);                                   // the same batch each step, drifting
        s.resetRunningStats();
        d.step(2);
        s.setBatches(oneRow(3));
        d.step(1);                                   // refused: N = 1 without L in train mode
        s.setTraining(false);
        d.step(1);                                   // eval takes it
        s.setTraining(true);
        d.step(1);                                   // refused again
        s.setBatches(Fixtures.normal(2, new int[0], 3, 0.5, 3));
        s.configure(s.config().withMomentum(Momentum.of(0.7)).withEps(0));
        d.step(4, true);
        return d;
    }
}
