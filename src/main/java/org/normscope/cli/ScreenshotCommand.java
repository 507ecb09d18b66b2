package org.normscope.cli;

import java.io.File;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normscope.preset.PresetFormatException;
import org.normscope.ui.app.ScreenshotRenderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code screenshot}: the real main window after K steps, as a PNG, with no display. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Render the main window after some steps to a PNG, with no display (headless).")
final class ScreenshotCommand implements Callable<Integer> {

    private static final Pattern SIZE = Pattern.compile("(\\d{3,5})x(\\d{3,5})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "a preset's name or id (notebook, noisy-small-batches, drifting, eval-untracked, group-norm-groups, …); "
                + "default: the notebook's")
    String preset;

    @Option(names = "--session", paramLabel = "FILE.normscope",
            description = "a saved session instead of a preset: the window as it was saved")
    java.nio.file.Path session;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "0", description = "steps to run first (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--mode", paramLabel = "train|eval", description = "the mode to step in (default: the preset's)")
    String mode;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1600x1000",
            description = "the window's size in pixels (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--font-size", paramLabel = "PX", defaultValue = "0",
            description = "the base font size in px (default: the app's, 15)")
    double fontSize;

    @Option(names = "--cursor", paramLabel = "STEP", defaultValue = "0",
            description = "put the time-travel cursor on this step (default: none)")
    long cursor;

    @Option(names = "--distributions", description = "show the distributions over time instead of the last batch's histograms")
    boolean distributions;

    @Option(names = "--explain", description = "show the Explain pane (one channel at one step, formula by formula)")
    boolean explain;

    @Option(names = "--channel", paramLabel = "C", defaultValue = "0",
            description = "with --explain: the channel explained (default ${DEFAULT-VALUE})")
    int channel;

    @Option(names = "--axes", description = "show the axis explorer (View > Axis explorer…) instead of the main window:"
            + " which values share one mean and variance")
    boolean axes;

    @Option(names = "--axes-input", paramLabel = "session|nc|nchw",
            description = "with --axes: the session's last batch, or the example (N, C) = (6, 4) or (N, C, H, W) ="
                + " (2, 4, 3, 3) (default: session after --steps or with --session, else nchw)")
    String axesInput;

    @Option(names = "--axes-rule", paramLabel = "batch|instance|layer|group",
            description = "with --axes: the layer type whose sets are outlined (default: the session layer's)")
    String axesRule;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "0",
            description = "with --axes-rule group: num_groups, a divisor of C (default: 2 if C is even, else 1)")
    int groups;

    @Option(names = "--layer-dims", paramLabel = "K", defaultValue = "0",
            description = "with --axes-rule layer: how many trailing dims LayerNorm normalizes, 1 to rank - 1"
                + " (default: all but N)")
    int layerDims;

    @Option(names = "--axes-point", paramLabel = "N,C,P",
            description = "with --axes: the value pointed at, whose set is lit (sample, channel, position; default 0,0,0)")
    String axesPoint;

    @Option(names = "--presentation", description = "presentation mode: settings folded, larger text, the projector theme")
    boolean presentation;

    @Option(names = "--theme", paramLabel = "light|projector|dark",
            description = "the window's theme (default: light, or projector with --presentation)")
    String theme;

    @Option(names = "--lang", paramLabel = "en|zh-CN", defaultValue = "en",
            description = "the window's language: en (English) or zh-CN (简体中文) (default ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--layer", paramLabel = "TYPE",
            description = "switch the preset's layer to this kind first, as the layer chooser does: BatchNorm1d, "
                + "BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, LayerNorm or GroupNorm")
    String layer;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "where to write the PNG")
    File out;

    /** The shape of the session's batches, {@code (N, C, *spatial)}: known once the preset or session is read. */
    private int[] batchShape = {1, 1};

    private void batchShape(org.normscope.batch.BatchSpec spec, int channels) {
        int[] shape = new int[2 + spec.spatial().length];
        shape[0] = spec.batchSize();
        shape[1] = channels;
        System.arraycopy(spec.spatial(), 0, shape, 2, spec.spatial().length);
        batchShape = shape;
    }

    /**
     * The axis explorer's options checked against the input they apply to (C and the rank of
     * the session's batch, or of the example chosen), before anything is rendered; null after
     * printing the one line that says what is wrong.
     */
    private ScreenshotRenderer.AxesShot axesShot(CommandLine cl) {
        String input = axesInput == null ? (steps > 0 || session != null ? "session" : "nchw") : axesInput;
        if (!java.util.List.of("session", "nc", "nchw").contains(input)) {
            throw new CommandLine.ParameterException(cl, "--axes-input must be session, nc or nchw, got " + input);
        }
        if (axesRule != null && !java.util.List.of("batch", "instance", "layer", "group").contains(axesRule)) {
            throw new CommandLine.ParameterException(cl, "--axes-rule must be batch, instance, layer or group, got "
                    + axesRule);
        }
        int[] shape = switch (input) {
            case "nc" -> org.normscope.axes.ExampleBatches.NC;
            case "nchw" -> org.normscope.axes.ExampleBatches.NCHW;
            default -> batchShape;
        };
        int c = shape[1];
        int rank = shape.length;
        if (groups != 0) {
            if (!"group".equals(axesRule)) {
                cl.getErr().println("normscope screenshot: --groups goes with --axes-rule group");
                return null;
            }
            if (groups < 1 || c % groups != 0) {
                cl.getErr().println("normscope screenshot: --groups " + groups + ": num_channels must be divisible by"
                        + " num_groups (C = " + c + ": " + divisorsText(c) + ")");
                return null;
            }
        }
        if (layerDims != 0) {
            if (!"layer".equals(axesRule)) {
                cl.getErr().println("normscope screenshot: --layer-dims goes with --axes-rule layer");
                return null;
            }
            if (layerDims < 1 || layerDims > rank - 1) {
                cl.getErr().println("normscope screenshot: --layer-dims must be from 1 to " + (rank - 1)
                        + " for an input of " + rank + " dims, got " + layerDims);
                return null;
            }
        }
        int[] point = {0, 0, 0};
        if (axesPoint != null) {
            java.util.regex.Matcher m = Pattern.compile("(\\d{1,4}),(\\d{1,4}),(\\d{1,4})").matcher(axesPoint);
            if (!m.matches()) {
                throw new CommandLine.ParameterException(cl, "--axes-point must look like 0,1,4 (sample, channel,"
                        + " position), got " + axesPoint);
            }
            for (int i = 0; i < 3; i++) {
                point[i] = Integer.parseInt(m.group(i + 1));
            }
            int positions = (int) (org.normscope.engine.Tensor.numel(shape) / shape[0] / shape[1]);
            int[] limits = {shape[0], c, positions};
            String[] names = {"sample", "channel", "position"};
            for (int i = 0; i < 3; i++) {
                int drawn = Math.min(limits[i], i == 2 ? 64 : 16); // what the explorer draws of a large batch
                if (point[i] >= drawn) {
                    cl.getErr().println("normscope screenshot: --axes-point " + axesPoint + ": " + names[i] + " "
                            + point[i] + " is out of range: the explorer shows " + names[i] + "s 0 to " + (drawn - 1)
                            + " of " + org.normscope.engine.Tensor.sizeString(shape));
                    return null;
                }
            }
        }
        return new ScreenshotRenderer.AxesShot(input, axesRule, groups, layerDims, point);
    }

    private static String divisorsText(int c) {
        StringBuilder sb = new StringBuilder();
        int[] d = org.normscope.axes.NormRule.divisors(c);
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : i == d.length - 1 ? " or " : ", ").append(d[i]);
        }
        return sb.toString();
    }

    /** The font size as typed (NaN and the infinities as Java names them). */
    private String fontSizeText() {
        return fontSize == Math.rint(fontSize) && !Double.isInfinite(fontSize) ? Long.toString((long) fontSize)
                : Double.toString(fontSize);
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (steps < 0 || steps > 100_000_000) {
            throw new CommandLine.ParameterException(cl, "--steps must be from 0 to 100000000, got " + steps);
        }
        Boolean training = null;
        if (mode != null) {
            if (!mode.equals("train") && !mode.equals("eval")) {
                throw new CommandLine.ParameterException(cl, "--mode must be train or eval, got " + mode);
            }
            training = mode.equals("train");
        }
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new CommandLine.ParameterException(cl, "--size must look like 1600x1000, got " + size);
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w < 640 || h < 480 || w > 7680 || h > 4320) {
            throw new CommandLine.ParameterException(cl, "--size must be from 640x480 to 7680x4320, got " + size);
        }
        if (channel < 0) {
            cl.getErr().println("normscope screenshot: --channel must be at least 0, got " + channel);
            return Main.BAD_INPUT;
        }
        if (fontSize != 0 && !(fontSize >= org.normscope.ui.viewmodel.MainViewModel.MIN_FONT
                && fontSize <= org.normscope.ui.viewmodel.MainViewModel.MAX_FONT)) {
            cl.getErr().println("normscope screenshot: --font-size must be from "
                    + (int) org.normscope.ui.viewmodel.MainViewModel.MIN_FONT + " to "
                    + (int) org.normscope.ui.viewmodel.MainViewModel.MAX_FONT + " px, got " + fontSizeText());
            return Main.BAD_INPUT;
        }
        if (cursor < 0) {
            cl.getErr().println("normscope screenshot: --cursor must be a step from 1 (0: none), got " + cursor);
            return Main.BAD_INPUT;
        }
        try {
            org.normscope.files.AtomicWrite.checkTarget(out.toPath()); // before the window is rendered
        } catch (java.io.IOException e) {
            cl.getErr().println("normscope screenshot: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (theme != null && !java.util.List.of("light", "projector", "dark").contains(theme)) {
            throw new CommandLine.ParameterException(cl, "--theme must be light, projector or dark, got " + theme);
        }
        org.normscope.scenario.LayerKind layerKind = null;
        if (layer != null) {
            if (session != null) {
                cl.getErr().println("normscope screenshot: --layer and --session cannot be given together");
                return Main.BAD_INPUT;
            }
            try {
                layerKind = org.normscope.scenario.LayerKind.ofTorchName(layer);
            } catch (IllegalArgumentException e) {
                cl.getErr().println("normscope screenshot: --layer: " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        if (preset != null && session != null) {
            cl.getErr().println("normscope screenshot: --preset and --session cannot be given together");
            return Main.BAD_INPUT;
        }
        int channels; // checked here, before the toolkit starts
        if (session != null) {
            try {
                org.normscope.sessionfile.SessionFile.Saved opened = org.normscope.sessionfile.SessionFile.open(session);
                channels = opened.state().config().numFeatures();
                batchShape(opened.state().batches(), channels);
            } catch (org.normscope.sessionfile.SessionFileException e) {
                cl.getErr().println("normscope screenshot: " + e.getMessage());
                return Main.BAD_INPUT;
            }
        } else {
            org.normscope.preset.Preset chosen;
            try {
                chosen = preset == null ? org.normscope.preset.PresetLibrary.builtIn().get(0)
                        : org.normscope.preset.PresetLibrary.find(preset);
            } catch (IllegalArgumentException e) {
                cl.getErr().println("normscope screenshot: " + e.getMessage());
                return Main.BAD_INPUT;
            }
            channels = chosen.layer().numFeatures();
            batchShape(chosen.batches(), channels);
        }
        if (explain && channel >= channels) {
            cl.getErr().println("normscope screenshot: --channel " + channel + " is out of range: the layer has "
                    + channels + " channels (0 to " + (channels - 1) + ")");
            return Main.BAD_INPUT;
        }
        ScreenshotRenderer.AxesShot axesShot = null;
        if (axes && (explain || distributions || cursor > 0)) {
            cl.getErr().println("normscope screenshot: --axes shows the axis explorer alone: it cannot be given with"
                    + " --explain, --distributions or --cursor");
            return Main.BAD_INPUT;
        }
        if (axes) {
            axesShot = axesShot(cl);
            if (axesShot == null) {
                return Main.BAD_INPUT;
            }
        } else if (axesInput != null || axesRule != null || groups != 0 || layerDims != 0 || axesPoint != null) {
            cl.getErr().println("normscope screenshot: --axes-input, --axes-rule, --groups, --layer-dims and"
                    + " --axes-point go with --axes");
            return Main.BAD_INPUT;
        }
        try {
            org.normscope.ui.viewmodel.UiLocale.set(org.normscope.ui.viewmodel.UiLocale.parse(lang));
            ScreenshotRenderer.render(preset, session, steps, training, w, h, fontSize, cursor, distributions,
                    explain ? channel : -1, presentation, theme, layerKind, axesShot, out);
        } catch (PresetFormatException | IllegalArgumentException | java.io.IOException e) {
            // a bad preset, or the PNG could not be written (a full disk): the file there before is as it was
            cl.getErr().println("normscope screenshot: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        cl.getOut().println("wrote " + out + " (" + w + "x" + h + ", " + steps + " steps)");
        cl.getOut().flush();
        return 0;
    }
}
