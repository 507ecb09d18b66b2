package org.normscope.python;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.SessionJournal;
import org.normscope.session.StepSetup;

/**
 * The session so far as PyTorch code, as a teacher would type it into a notebook: the
 * constructor with only the arguments that differ from PyTorch's defaults, every change as the
 * statement that makes it, each batch as the torch expression that draws from the same
 * distribution (see {@link TorchExpressions}; {@code torch.manual_seed} once, but the values
 * are PyTorch's, not NormScope's), runs of steps as loops, and {@code print}s after single steps
 * and after loops. A batch that is the same every step is drawn once, before; a fresh one
 * inside the loop. A refused attempt is its line followed by PyTorch's error as a comment.
 */
public final class SessionCode {

    private final List<String> lines = new ArrayList<>();
    private BatchSpec xHolds;   // the spec whose fixed draw x holds now, or null
    private BatchSpec x0Holds;  // the same for x0, the base of a drifting fixed batch
    private boolean training;
    private double eps;
    private Momentum momentum;

    private SessionCode() {
    }

    /** The code of everything in {@code journal}. */
    public static String of(SessionJournal journal) {
        return of(journal.entries(), journal.dropped());
    }

    /** The code of {@code entries} (the first is the layer's construction); {@code dropped} older ones were left out. */
    public static String of(List<SessionJournal.Entry> entries, long dropped) {
        SessionCode code = new SessionCode();
        if (dropped > 0) {
            code.line("# NormScope kept only this session's newest actions: " + dropped + " older ones are left out,");
            code.line("# so the numbers below are not the session's.");
        }
        code.line("import torch");
        code.line("from torch import nn");
        code.line("");
        Long seed = seed(entries);
        if (seed != null) {
            code.line("torch.manual_seed(" + seed + ")");
        }
        for (int i = 0; i < entries.size(); i++) {
            SessionJournal.Entry e = entries.get(i);
            if (e instanceof SessionJournal.WeightSet || e instanceof SessionJournal.BiasSet) {
                code.line("with torch.no_grad():");
                while (i < entries.size() && (entries.get(i) instanceof SessionJournal.WeightSet
                        || entries.get(i) instanceof SessionJournal.BiasSet)) {
                    code.line("    " + parameter(entries.get(i)));
                    i++;
                }
                i--;
            } else {
                code.add(e);
            }
        }
        return String.join("\n", code.lines) + "\n";
    }

    /** The seed of the first batches that draw random values, or null if none do. */
    private static Long seed(List<SessionJournal.Entry> entries) {
        for (SessionJournal.Entry e : entries) {
            BatchSpec spec = null;
            if (e instanceof SessionJournal.Steps s) {
                spec = s.setup().batches();
            } else if (e instanceof SessionJournal.Refused r) {
                spec = r.setup().batches();
            }
            if (spec != null && !TorchExpressions.constant(spec)) {
                return spec.seed();
            }
        }
        return null;
    }

    private static String parameter(SessionJournal.Entry e) {
        if (e instanceof SessionJournal.WeightSet w) {
            return "layer.weight[" + w.channel() + "] = " + TorchExpressions.number(w.value());
        }
        SessionJournal.BiasSet b = (SessionJournal.BiasSet) e;
        return "layer.bias[" + b.channel() + "] = " + TorchExpressions.number(b.value());
    }

    private void add(SessionJournal.Entry e) {
        if (e instanceof SessionJournal.Built b) {
            built(b.config(), b.training(), b.batches());
        } else if (e instanceof SessionJournal.EpsSet s) {
            setEps(s.eps());
        } else if (e instanceof SessionJournal.MomentumSet m) {
            setMomentum(m.momentum());
        } else if (e instanceof SessionJournal.ModeSet m) {
            setTraining(m.training());
        } else if (e instanceof SessionJournal.ResetRunningStats) {
            line("layer.reset_running_stats()");
        } else if (e instanceof SessionJournal.Steps s) {
            steps(s);
        } else if (e instanceof SessionJournal.Refused r) {
            follow(r.setup());
            forward(r.setup().batches(), r.step(), r.outlier());
            // the refused forward in a try, so that the code runs on past it as the session did
            String call = lines.remove(lines.size() - 1);
            line("try:");
            line("    " + call);
            line("except " + r.errorType() + " as e:  # PyTorch refuses this batch: " + r.message());
            line("    print(\"" + r.errorType() + ":\", e)");
        }
        // a change of batches, or an outlier queued, shows in the steps that follow
    }

    private void built(LayerConfig c, boolean train, BatchSpec batches) {
        line(constructor(c, batches.spatial()));
        training = true;
        eps = c.eps();
        momentum = c.momentum();
        setTraining(train);
    }

    /**
     * {@code layer = nn.Kind(…)} with the arguments that differ from PyTorch's defaults for that kind:
     * {@code BatchNorm2d(4, momentum=None)}, {@code InstanceNorm1d(3, affine=True)},
     * {@code LayerNorm((4, 8))}, {@code GroupNorm(2, 4, eps=0.001)}.
     */
    static String constructor(LayerConfig c, int[] spatial) {
        StringBuilder s = new StringBuilder("layer = nn.").append(c.kind().torchName()).append('(');
        switch (c.kind()) {
            case LAYER_NORM -> {
                int[] shape = c.normalizedShape(spatial);
                s.append('(');
                for (int i = 0; i < shape.length; i++) {
                    s.append(i > 0 ? ", " : "").append(shape[i]);
                }
                s.append(shape.length == 1 ? ",)" : ")");
            }
            case GROUP_NORM -> s.append(c.numGroups()).append(", ").append(c.numFeatures());
            default -> s.append(c.numFeatures());
        }
        if (Double.compare(c.eps(), BatchNorm.DEFAULT_EPS) != 0) {
            s.append(", eps=").append(TorchExpressions.number(c.eps()));
        }
        if (c.kind().hasMomentum() && !c.momentum().equals(Momentum.DEFAULT)) {
            s.append(", momentum=").append(c.momentum());
        }
        if (c.affine() != c.kind().defaultAffine()) {
            s.append(c.kind() == LayerKind.LAYER_NORM ? ", elementwise_affine=" : ", affine=")
                    .append(c.affine() ? "True" : "False");
        }
        if (c.kind().hasMomentum() && c.trackRunningStats() != c.kind().defaultTrackRunningStats()) {
            s.append(", track_running_stats=").append(c.trackRunningStats() ? "True" : "False");
        }
        return s.append(')').toString();
    }

    private void setEps(double e) {
        eps = e;
        line("layer.eps = " + TorchExpressions.number(e));
    }

    private void setMomentum(Momentum m) {
        momentum = m;
        line("layer.momentum = " + m);
    }

    private void setTraining(boolean train) {
        if (train != training) {
            training = train;
            line(train ? "layer.train()" : "layer.eval()");
        }
    }

    /** Brings mode, eps and momentum to {@code setup}'s where the entries that changed them were dropped. */
    private void follow(StepSetup setup) {
        setTraining(setup.training());
        if (Double.compare(setup.config().eps(), eps) != 0) {
            setEps(setup.config().eps());
        }
        if (!setup.config().momentum().equals(momentum)) {
            setMomentum(setup.config().momentum());
        }
    }

    private void steps(SessionJournal.Steps s) {
        follow(s.setup());
        BatchSpec spec = s.setup().batches();
        if (s.count() == 1) {
            forward(spec, s.first(), s.outlier());
        } else {
            boolean drift = spec.driftPerStep() != 0;
            boolean fixed = fixed(spec);
            String extra = drift ? TorchExpressions.plus(spec.driftPerStep()) + " * (step - 1)" : "";
            if (fixed && !drift) {
                drawFixed(spec, "x");
            } else if (fixed) {
                drawFixed(spec, "x0");
            }
            line(drift ? "for step in range(" + s.first() + ", " + (s.last() + 1) + "):" : "for _ in range(" + s.count() + "):");
            if (fixed && drift) {
                line("    x = x0" + extra);
            } else if (!fixed) {
                TorchExpressions.draw(spec, "x", extra).forEach(l -> line("    " + l));
            }
            line("    y = layer(x)");
            if (drift || !fixed) {
                xHolds = null;
            }
        }
        print(s.setup().config());
    }

    /** One forward of step {@code t}: its batch drawn (or the one x holds), then {@code y = layer(x)}. */
    private void forward(BatchSpec spec, long t, boolean outlier) {
        double drift = spec.driftPerStep() * (t - 1);
        String extra = drift == 0 ? "" : TorchExpressions.plus(spec.driftPerStep()) + " * " + (t - 1);
        if (fixed(spec) && drift == 0) {
            drawFixed(spec, "x");
        } else if (fixed(spec)) {
            drawFixed(spec, "x0");
            line("x = x0" + extra);
            xHolds = null;
        } else {
            TorchExpressions.draw(spec, "x", extra).forEach(this::line);
            xHolds = null;
        }
        line(outlier ? "y = layer(x + " + TorchExpressions.outlierShift(spec)
                + ")  # an outlier batch: every value + 10 standard deviations (at least 10)" : "y = layer(x)");
    }

    private void print(LayerConfig c) {
        line("print(y)");
        if (c.trackRunningStats()) {
            line("print(layer.running_mean)");
            line("print(layer.running_var)");
        }
    }

    /** Whether every step of {@code spec} draws the same values (before the drift). */
    private static boolean fixed(BatchSpec spec) {
        return !spec.freshEachStep() || spec.sources().stream().allMatch(s -> s instanceof ChannelSource.Constant);
    }

    /** Draws {@code spec}'s fixed batch into {@code var} unless it holds it already. */
    private void drawFixed(BatchSpec spec, String var) {
        boolean x = var.equals("x");
        if (spec.equals(x ? xHolds : x0Holds)) {
            return;
        }
        TorchExpressions.draw(spec, var, "").forEach(this::line);
        if (x) {
            xHolds = spec;
        } else {
            x0Holds = spec;
        }
    }

    private void line(String text) {
        lines.add(text);
    }
}
