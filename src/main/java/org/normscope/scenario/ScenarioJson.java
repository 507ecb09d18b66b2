package org.normscope.scenario;

import static org.normscope.json.JsonFields.optional;
import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.element;
import static org.normscope.json.JsonPaths.show;
import static org.normscope.scenario.ScenarioFormatException.FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;

/**
 * Reads and writes scenarios ({@code normscope-scenario/1}, see the spec). Fields the
 * file leaves out take PyTorch's default for the layer type; a forward step without a
 * {@code mode} runs in {@code train} mode (a new PyTorch module's mode).
 */
public final class ScenarioJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The most channels a scenario may ask for. PyTorch has no limit; 2^24 channels are
     * far more than anyone steps through by hand, and keep a bad file from asking for
     * gigabytes of running stats.
     */
    public static final int MAX_FEATURES = 1 << 24;

    /*
     * The fields each object may have (the spec's); any other is refused with its path, so that
     * a misspelt "momentun" is not silently replaced by PyTorch's default.
     */
    private static final List<String> TOP_FIELDS = List.of("format", "name", "layer", "steps", "tolerance");
    private static final List<String> TOLERANCE_FIELDS = List.of("atol", "rtol");
    private static final List<String> LAYER_RUNNING = List.of("type", "num_features", "affine", "eps", "momentum",
            "track_running_stats", "weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    private static final List<String> LAYER_NORM_FIELDS = List.of("type", "normalized_shape", "elementwise_affine",
            "eps", "weight", "bias");
    private static final List<String> GROUP_NORM_FIELDS = List.of("type", "num_groups", "num_channels", "affine", "eps",
            "weight", "bias");
    private static final List<String> FORWARD_FIELDS = List.of("op", "mode", "input", "grad_output");
    private static final List<String> SET_FIELDS = List.of("op", "eps", "momentum", "weight", "bias");
    private static final List<String> SET_FIELDS_NO_MOMENTUM = List.of("op", "eps", "weight", "bias");
    private static final List<String> RESET_FIELDS = List.of("op");

    private ScenarioJson() {
    }

    /**
     * The fields a layer object of this type may have: PyTorch's constructor arguments and, for
     * BatchNorm and InstanceNorm, the buffers (LayerNorm and GroupNorm have neither momentum nor
     * running statistics).
     */
    private static List<String> layerFields(LayerKind type) {
        return switch (type) {
            case LAYER_NORM -> LAYER_NORM_FIELDS;
            case GROUP_NORM -> GROUP_NORM_FIELDS;
            default -> LAYER_RUNNING;
        };
    }

    /** The scenario object at {@code path} of a parsed document. */
    public static Scenario read(JsonNode root, String path) throws ScenarioFormatException {
        FIELDS.object(root, path);
        FIELDS.noUnknownFields(root, path, TOP_FIELDS, "");
        JsonNode format = optional(root, "format");
        if (format != null && !Scenario.FORMAT.equals(format.asText())) {
            throw ScenarioFormatException.at(child(path, "format"),
                    "expected \"" + Scenario.FORMAT + "\", got " + show(format));
        }
        JsonNode nameNode = optional(root, "name");
        String name = nameNode == null ? "" : FIELDS.text(nameNode, child(path, "name"), "a string");
        LayerSpec layer = readLayer(FIELDS.required(root, "layer", path, "an object"), child(path, "layer"));
        List<Step> steps = readSteps(FIELDS.required(root, "steps", path, "a list of steps"), child(path, "steps"),
                layer);
        Tolerance tolerance = null;
        JsonNode tol = optional(root, "tolerance");
        if (tol != null) {
            String tp = child(path, "tolerance");
            FIELDS.object(tol, tp);
            FIELDS.noUnknownFields(tol, tp, TOLERANCE_FIELDS, "");
            double atol = nonNegative(optional(tol, "atol"), child(tp, "atol"), Tolerance.DEFAULT.atol());
            double rtol = nonNegative(optional(tol, "rtol"), child(tp, "rtol"), Tolerance.DEFAULT.rtol());
            tolerance = new Tolerance(atol, rtol);
        }
        return new Scenario(name, layer, steps, tolerance);
    }

    private static double nonNegative(JsonNode node, String path, double fallback) throws ScenarioFormatException {
        if (node == null) {
            return fallback;
        }
        double v = FIELDS.number(node, path, "a number >= 0");
        if (!(v >= 0)) {
            throw ScenarioFormatException.at(path, "expected a number >= 0, got " + show(node));
        }
        return v;
    }

    static LayerSpec readLayer(JsonNode node, String path) throws ScenarioFormatException {
        FIELDS.object(node, path);
        String typePath = child(path, "type");
        String typeName = FIELDS.text(FIELDS.required(node, "type", path, "a layer type"), typePath,
                "one of " + LayerKind.allNames());
        LayerKind type;
        try {
            type = LayerKind.ofTorchName(typeName);
        } catch (IllegalArgumentException e) {
            throw ScenarioFormatException.at(typePath, "expected one of " + LayerKind.allNames() + ", got \"" + typeName + "\"");
        }
        FIELDS.noUnknownFields(node, path, layerFields(type), " for a " + type);

        int numFeatures = 0;
        int[] normalizedShape = null;
        int numGroups = 0;
        int numChannels = 0;
        switch (type) {
            case LAYER_NORM -> normalizedShape = readShape(FIELDS.required(node, "normalized_shape", path,
                    "a size or a list of sizes"), child(path, "normalized_shape"));
            case GROUP_NORM -> {
                numGroups = FIELDS.positiveInt(FIELDS.required(node, "num_groups", path, "a whole number >= 1"),
                        child(path, "num_groups"));
                numChannels = FIELDS.positiveInt(FIELDS.required(node, "num_channels", path,
                        "a whole number >= 1"), child(path, "num_channels"));
                checkGroups(numGroups, numChannels, path);
            }
            default -> {
                numFeatures = FIELDS.positiveInt(FIELDS.required(node, "num_features", path,
                        "a whole number >= 1"), child(path, "num_features"));
                if (numFeatures > MAX_FEATURES) {
                    throw ScenarioFormatException.at(child(path, "num_features"), "expected at most " + MAX_FEATURES
                            + " channels, got " + numFeatures);
                }
            }
        }

        Double epsGiven = readEps(node, path);
        double eps = epsGiven == null ? BatchNorm.DEFAULT_EPS : epsGiven;
        Momentum momentumGiven = readMomentum(node, path);
        Momentum momentum = momentumGiven == null ? Momentum.DEFAULT : momentumGiven;

        boolean instance = type.isInstanceNorm();
        String affineField = type == LayerKind.LAYER_NORM ? "elementwise_affine" : "affine";
        boolean affine = readBool(node, affineField, path, !instance);
        boolean track = type.hasMomentum() && readBool(node, "track_running_stats", path, !instance);

        int paramCount = parameterCount(type, numFeatures, normalizedShape, numChannels);
        float[] weight = readParameter(node, "weight", path, paramCount, affine);
        float[] bias = readParameter(node, "bias", path, paramCount, affine);
        float[] runningMean = readState(node, "running_mean", path, numFeatures, track);
        float[] runningVar = readState(node, "running_var", path, numFeatures, track);
        Long numBatchesTracked = null;
        JsonNode nbt = optional(node, "num_batches_tracked");
        if (nbt != null) {
            if (!track) {
                throw ScenarioFormatException.at(child(path, "num_batches_tracked"),
                        "given, but the layer tracks no running stats");
            }
            numBatchesTracked = FIELDS.wholeNumber(nbt, child(path, "num_batches_tracked"));
        }
        return new LayerSpec(type, numFeatures, eps, momentum, affine, track, weight, bias, normalizedShape,
                numGroups, numChannels, runningMean, runningVar, numBatchesTracked);
    }

    /** {@code eps} if the object has it (a finite number at least 0), else null. */
    private static Double readEps(JsonNode node, String path) throws ScenarioFormatException {
        JsonNode epsNode = optional(node, "eps");
        if (epsNode == null) {
            return null;
        }
        double eps = FIELDS.number(epsNode, child(path, "eps"), "a finite number >= 0");
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw ScenarioFormatException.at(child(path, "eps"), "expected a finite number >= 0, got " + show(epsNode));
        }
        return eps;
    }

    /** {@code momentum} if the object has it ({@code null} in the file is a cumulative average), else null. */
    private static Momentum readMomentum(JsonNode node, String path) throws ScenarioFormatException {
        if (!node.has("momentum")) {
            return null;
        }
        JsonNode m = node.get("momentum");
        String mp = child(path, "momentum");
        if (m.isNull()) {
            return Momentum.CUMULATIVE;
        }
        double v = FIELDS.number(m, mp, "a number in [0, 1] or null");
        if (!(v >= 0 && v <= 1)) {
            throw ScenarioFormatException.at(mp, "expected a number in [0, 1] or null, got " + show(m));
        }
        return Momentum.of(v);
    }

    private static float[] readState(JsonNode node, String field, String path, int count, boolean track)
            throws ScenarioFormatException {
        return readPerChannel(node, field, path, count, track, "the layer tracks no running stats");
    }

    /**
     * A per-channel vector the layer may have: null when absent, refused when the layer has no
     * such values ({@code given, but <lacking>}) or when it holds other than {@code count} values.
     */
    private static float[] readPerChannel(JsonNode node, String field, String path, int count, boolean has,
            String lacking) throws ScenarioFormatException {
        JsonNode v = optional(node, field);
        if (v == null) {
            return null;
        }
        String p = child(path, field);
        if (!has) {
            throw ScenarioFormatException.at(p, "given, but " + lacking);
        }
        float[] values = TensorJson.readVector(v, p);
        if (values.length != count) {
            throw ScenarioFormatException.at(p, values.length + " values, expected " + count + " (one per channel)");
        }
        return values;
    }

    private static boolean readBool(JsonNode node, String field, String path, boolean fallback) throws ScenarioFormatException {
        JsonNode v = optional(node, field);
        return v == null ? fallback : FIELDS.bool(v, child(path, field));
    }

    /** How many values weight and bias have: one per channel, or one per element of normalized_shape. */
    private static int parameterCount(LayerKind type, int numFeatures, int[] normalizedShape, int numChannels) {
        return switch (type) {
            case GROUP_NORM -> numChannels;
            case LAYER_NORM -> (int) org.normscope.engine.Tensor.numel(normalizedShape);
            default -> numFeatures;
        };
    }

    /** GroupNorm(3, 4) is refused as PyTorch's constructor refuses it, in the engine's words. */
    private static void checkGroups(int numGroups, int numChannels, String path) throws ScenarioFormatException {
        if (numChannels > MAX_FEATURES) {
            throw ScenarioFormatException.at(child(path, "num_channels"), "expected at most " + MAX_FEATURES
                    + " channels, got " + numChannels);
        }
        try {
            org.normscope.engine.GroupNorm.checkArguments(numGroups, numChannels);
        } catch (org.normscope.engine.TorchError e) {
            throw ScenarioFormatException.at(child(path, "num_channels"), e.getMessage() + " (PyTorch refuses GroupNorm("
                    + numGroups + ", " + numChannels + ") with a " + e.pythonType() + ")");
        }
    }

    /**
     * A LayerNorm's normalized_shape: a size, or a list of sizes of at least 1 ({@code []} included: PyTorch
     * builds LayerNorm([]) and refuses its forwards), at most {@link #MAX_FEATURES} values in all.
     */
    private static int[] readShape(JsonNode node, String path) throws ScenarioFormatException {
        if (node.isIntegralNumber()) {
            return new int[] {FIELDS.positiveInt(node, path)};
        }
        if (!node.isArray()) {
            throw ScenarioFormatException.at(path, "expected a size or a list of sizes, got " + show(node));
        }
        int[] shape = new int[node.size()];
        long values = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = FIELDS.positiveInt(node.get(i), element(path, i));
            values = Math.min(values * shape[i], (long) MAX_FEATURES + 1);
        }
        if (values > MAX_FEATURES) {
            throw ScenarioFormatException.at(path, "expected at most " + MAX_FEATURES + " values in all, got "
                    + java.util.Arrays.toString(shape));
        }
        return shape;
    }

    private static float[] readParameter(JsonNode node, String field, String path, int count, boolean affine)
            throws ScenarioFormatException {
        return readPerChannel(node, field, path, count, affine, "the layer has no affine parameters");
    }

    private static List<Step> readSteps(JsonNode node, String path, LayerSpec layer) throws ScenarioFormatException {
        if (!node.isArray()) {
            throw ScenarioFormatException.at(path, "expected a list of steps, got " + show(node));
        }
        List<Step> steps = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            steps.add(readStep(node.get(i), element(path, i), layer));
        }
        return steps;
    }

    private static final String OPS = "\"forward\", \"reset_running_stats\" or \"set\"";

    private static Step readStep(JsonNode node, String path, LayerSpec layer) throws ScenarioFormatException {
        FIELDS.object(node, path);
        JsonNode opNode = optional(node, "op");
        String op = opNode == null ? "forward" : FIELDS.text(opNode, child(path, "op"), OPS);
        switch (op) {
            case "reset_running_stats":
                if (!layer.type().hasMomentum()) {
                    throw ScenarioFormatException.at(child(path, "op"), "a " + layer.type()
                            + " has no running stats to reset (PyTorch raises AttributeError)");
                }
                FIELDS.noUnknownFields(node, path, RESET_FIELDS, " for a reset_running_stats step");
                return new Step.ResetRunningStats();
            case "set":
                if (layer.type().hasMomentum()) {
                    FIELDS.noUnknownFields(node, path, SET_FIELDS, " for a set step");
                } else {
                    FIELDS.noUnknownFields(node, path, SET_FIELDS_NO_MOMENTUM, " for a set step on a " + layer.type());
                }
                return readSet(node, path, layer);
            case "forward":
                FIELDS.noUnknownFields(node, path, FORWARD_FIELDS, " for a forward step");
                break;
            default:
                throw ScenarioFormatException.at(child(path, "op"), "expected " + OPS + ", got \"" + op + "\"");
        }
        Step.Mode mode = Step.Mode.train;
        JsonNode modeNode = optional(node, "mode");
        if (modeNode != null) {
            String m = FIELDS.text(modeNode, child(path, "mode"), "\"train\" or \"eval\"");
            try {
                mode = Step.Mode.valueOf(m);
            } catch (IllegalArgumentException e) {
                throw ScenarioFormatException.at(child(path, "mode"), "expected \"train\" or \"eval\", got \"" + m + "\"");
            }
        }
        var input = TensorJson.readExact(FIELDS.required(node, "input", path, "a tensor"), child(path, "input"));
        var gradNode = optional(node, "grad_output");
        var grad = gradNode == null ? null : TensorJson.readExact(gradNode, child(path, "grad_output"));
        if (grad != null && !grad.sameShape(input)) {
            throw ScenarioFormatException.at(child(path, "grad_output") + ".shape",
                    "expected the input's shape " + java.util.Arrays.toString(input.shape()) + ", got "
                    + java.util.Arrays.toString(grad.shape()));
        }
        return new Step.Forward(mode, input, grad);
    }

    /** A {@code set} step: any of eps, momentum (null: None), weight and bias (one value per channel). */
    private static Step readSet(JsonNode node, String path, LayerSpec layer) throws ScenarioFormatException {
        int count = parameterCount(layer.type(), layer.numFeatures(), layer.normalizedShape(), layer.numChannels());
        return new Step.Set(readEps(node, path), readMomentum(node, path),
                readParameter(node, "weight", path, count, layer.affine()),
                readParameter(node, "bias", path, count, layer.affine()));
    }

    /** The scenario as a JSON object, every layer field written out. */
    public static ObjectNode write(Scenario s) {
        ObjectNode root = NODES.objectNode();
        root.put("format", Scenario.FORMAT);
        root.put("name", s.name());
        LayerSpec l = s.layer();
        ObjectNode layer = root.putObject("layer");
        layer.put("type", l.type().torchName());
        switch (l.type()) {
            case LAYER_NORM -> {
                ArrayNode shape = layer.putArray("normalized_shape");
                for (int d : l.normalizedShape()) {
                    shape.add(d);
                }
            }
            case GROUP_NORM -> {
                layer.put("num_groups", l.numGroups());
                layer.put("num_channels", l.numChannels());
            }
            default -> layer.put("num_features", l.numFeatures());
        }
        layer.put("eps", l.eps());
        if (l.type().hasMomentum()) {
            writeMomentum(layer, l.momentum());
        }
        layer.put(l.type() == LayerKind.LAYER_NORM ? "elementwise_affine" : "affine", l.affine());
        if (l.type().hasMomentum()) {
            layer.put("track_running_stats", l.trackRunningStats());
        }
        if (l.weight() != null) {
            layer.set("weight", TensorJson.writeVector(l.weight()));
        }
        if (l.bias() != null) {
            layer.set("bias", TensorJson.writeVector(l.bias()));
        }
        if (l.runningMean() != null) {
            layer.set("running_mean", TensorJson.writeVector(l.runningMean()));
        }
        if (l.runningVar() != null) {
            layer.set("running_var", TensorJson.writeVector(l.runningVar()));
        }
        if (l.numBatchesTracked() != null) {
            layer.put("num_batches_tracked", l.numBatchesTracked());
        }
        ArrayNode steps = root.putArray("steps");
        for (Step step : s.steps()) {
            ObjectNode st = steps.addObject();
            if (step instanceof Step.Forward f) {
                st.put("op", "forward");
                st.put("mode", f.mode().name());
                st.set("input", TensorJson.write(f.input()));
                if (f.gradOutput() != null) {
                    st.set("grad_output", TensorJson.write(f.gradOutput()));
                }
            } else if (step instanceof Step.Set set) {
                st.put("op", "set");
                if (set.eps() != null) {
                    st.put("eps", set.eps());
                }
                if (set.momentum() != null) {
                    writeMomentum(st, set.momentum());
                }
                if (set.weight() != null) {
                    st.set("weight", TensorJson.writeVector(set.weight()));
                }
                if (set.bias() != null) {
                    st.set("bias", TensorJson.writeVector(set.bias()));
                }
            } else {
                st.put("op", "reset_running_stats");
            }
        }
        if (!s.tolerance().equals(Tolerance.DEFAULT)) {
            ObjectNode tol = root.putObject("tolerance");
            tol.put("atol", s.tolerance().atol());
            tol.put("rtol", s.tolerance().rtol());
        }
        return root;
    }

    private static void writeMomentum(ObjectNode node, Momentum m) {
        if (m.isCumulative()) {
            node.putNull("momentum");
        } else {
            node.put("momentum", m.value());
        }
    }
}
