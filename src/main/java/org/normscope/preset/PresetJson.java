package org.normscope.preset;

import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.element;
import static org.normscope.json.JsonPaths.show;
import static org.normscope.preset.PresetFormatException.FIELDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.BatchNorm;

import org.normscope.engine.Momentum;
import org.normscope.json.JsonPaths;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;

/**
 * Reads and writes preset files (the format is described in {@code resources/presets/README.md}).
 *
 * <p>Reading is strict: a field the format does not know, a value of the wrong type, or a value
 * the layer or the batches refuse is a {@link PresetFormatException} whose message starts with
 * the field's path ({@code layer.eps}, {@code input.channels[1].std}) and says what was expected.
 * Fields left out take PyTorch's defaults: {@code eps} 1e-5, {@code momentum} 0.1 ({@code null}
 * is None, a cumulative average), {@code affine} and {@code track_running_stats} true; a normal
 * source is {@code normal(0, 1)} and a uniform one {@code uniform(0, 1)} unless told otherwise,
 * as {@code nn.init.normal_} and {@code nn.init.uniform_}.
 */
public final class PresetJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> TOP_FIELDS = List.of("name", "name_zh-CN", "description",
            "description_zh-CN", "layer", "mode", "input", "compare");
    private static final List<String> LAYER_FIELDS = List.of("type", "num_features", "eps", "momentum", "affine",
            "track_running_stats", "num_groups", "normalized_dims");
    private static final List<String> INPUT_FIELDS = List.of("batch_size", "spatial", "channels", "drift_per_step", "seed",
            "fresh_each_step");
    private static final List<String> COMPARE_FIELDS = List.of("momentum");
    private static final List<String> CONSTANT_FIELDS = List.of("source", "value");
    private static final List<String> NORMAL_FIELDS = List.of("source", "mean", "std");
    private static final List<String> UNIFORM_FIELDS = List.of("source", "a", "b");

    private static final String LAYER_TYPES = "\"BatchNorm1d\", \"BatchNorm2d\", \"BatchNorm3d\", \"InstanceNorm1d\", "
            + "\"InstanceNorm2d\", \"InstanceNorm3d\", \"LayerNorm\" or \"GroupNorm\"";
    private static final String SOURCES = "\"constant\", \"normal\" or \"uniform\"";
    private static final String MOMENTUM = "a number in [0, 1], or null for None (a cumulative average)";

    private PresetJson() {
    }

    // ------------------------------------------------------------------------------- reading

    /** Parses the text of a preset file. */
    public static Preset parse(String json) throws PresetFormatException {
        return read(parseTree(json), "");
    }

    /** The preset object at {@code path} of a parsed document. */
    public static Preset read(JsonNode root, String path) throws PresetFormatException {
        FIELDS.object(root, path);
        FIELDS.noUnknownFields(root, path, TOP_FIELDS, "");

        String namePath = child(path, "name");
        String name = FIELDS.text(FIELDS.required(root, "name", path, "a non-empty string"), namePath, "a non-empty string");
        if (name.isBlank()) {
            throw PresetFormatException.at(namePath, "expected a non-empty string, got " + show(root.get("name")));
        }
        JsonNode descNode = root.get("description");
        String description = descNode == null ? "" : FIELDS.text(descNode, child(path, "description"), "a string");
        JsonNode nameZhNode = root.get("name_zh-CN");
        String nameZhCn = nameZhNode == null ? "" : FIELDS.text(nameZhNode, child(path, "name_zh-CN"), "a non-empty string");
        if (nameZhNode != null && nameZhCn.isBlank()) {
            throw PresetFormatException.at(child(path, "name_zh-CN"), "expected a non-empty string, got "
                    + show(nameZhNode) + " (leave \"name_zh-CN\" out for the English name)");
        }
        JsonNode descZhNode = root.get("description_zh-CN");
        String descriptionZhCn = descZhNode == null ? "" : FIELDS.text(descZhNode, child(path, "description_zh-CN"), "a string");

        LayerConfig layer = readLayer(FIELDS.required(root, "layer", path, "an object"), child(path, "layer"));

        boolean training = true;
        JsonNode modeNode = root.get("mode");
        if (modeNode != null) {
            String modePath = child(path, "mode");
            String mode = FIELDS.text(modeNode, modePath, "\"train\" or \"eval\"");
            switch (mode) {
                case "train" -> training = true;
                case "eval" -> training = false;
                default -> throw PresetFormatException.at(modePath, "expected \"train\" or \"eval\", got " + show(modeNode));
            }
        }

        BatchSpec batches = readInput(FIELDS.required(root, "input", path, "an object"), child(path, "input"), layer);

        Momentum compare = null;
        JsonNode compareNode = root.get("compare");
        if (compareNode != null) {
            String comparePath = child(path, "compare");
            if (!compareNode.isObject()) {
                throw PresetFormatException.at(comparePath, "expected an object such as {\"momentum\": null}, got "
                        + show(compareNode) + " (leave \"compare\" out for no comparison layer)");
            }
            FIELDS.noUnknownFields(compareNode, comparePath, COMPARE_FIELDS, "");
            compare = momentum(FIELDS.required(compareNode, "momentum", comparePath, MOMENTUM), child(comparePath, "momentum"));
        }

        LayerConfig l = layer;
        BatchSpec b = batches;
        boolean t = training;
        Momentum c = compare;
        return construct(path, TOP_FIELDS, () -> new Preset(name, description, l, b, t, c, nameZhCn,
                descriptionZhCn));
    }

    private static LayerConfig readLayer(JsonNode node, String path) throws PresetFormatException {
        FIELDS.object(node, path);
        FIELDS.noUnknownFields(node, path, LAYER_FIELDS, "");
        String typePath = child(path, "type");
        JsonNode typeNode = FIELDS.required(node, "type", path, LAYER_TYPES);
        String type = FIELDS.text(typeNode, typePath, LAYER_TYPES);
        LayerKind kind;
        try {
            kind = LayerKind.ofTorchName(type);
        } catch (IllegalArgumentException e) {
            throw PresetFormatException.at(typePath, "expected " + LAYER_TYPES + ", got " + show(typeNode));
        }
        int numFeatures = FIELDS.positiveInt(FIELDS.required(node, "num_features", path, "a whole number >= 1"),
                child(path, "num_features"));
        double eps = FIELDS.number(node, "eps", path, BatchNorm.DEFAULT_EPS, "a number >= 0");
        JsonNode momentumNode = node.get("momentum");
        Momentum momentum = momentumNode == null ? Momentum.DEFAULT : momentum(momentumNode, child(path, "momentum"));
        boolean affine = FIELDS.bool(node, "affine", path, kind.defaultAffine());
        boolean track = FIELDS.bool(node, "track_running_stats", path, kind.defaultTrackRunningStats());
        JsonNode groupsNode = node.get("num_groups");
        int groups = groupsNode == null ? (kind == LayerKind.GROUP_NORM ? LayerConfig.defaultGroups(numFeatures) : 1)
                : FIELDS.positiveInt(groupsNode, child(path, "num_groups"));
        JsonNode dimsNode = node.get("normalized_dims");
        int dims = dimsNode == null ? 1 : FIELDS.positiveInt(dimsNode, child(path, "normalized_dims"));
        return construct(path, LAYER_FIELDS, () -> new LayerConfig(kind, numFeatures, eps, momentum, affine, track,
                groups, dims));
    }

    private static BatchSpec readInput(JsonNode node, String path, LayerConfig layer) throws PresetFormatException {
        FIELDS.object(node, path);
        FIELDS.noUnknownFields(node, path, INPUT_FIELDS, "");
        int batchSize = FIELDS.positiveInt(FIELDS.required(node, "batch_size", path, "a whole number >= 1"), child(path, "batch_size"));

        String spatialPath = child(path, "spatial");
        JsonNode spatialNode = FIELDS.required(node, "spatial", path, "a list of sizes after C");
        if (!spatialNode.isArray()) {
            throw PresetFormatException.at(spatialPath, "expected a list of sizes after C, such as [8], got "
                    + show(spatialNode));
        }
        int[] spatial = new int[spatialNode.size()];
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = FIELDS.positiveInt(spatialNode.get(i), element(spatialPath, i));
        }
        if (!layer.fits(spatial)) {
            throw PresetFormatException.at(spatialPath, Preset.spatialMismatch(layer, spatial));
        }

        String channelsPath = child(path, "channels");
        JsonNode channelsNode = FIELDS.required(node, "channels", path, "a list of channel sources");
        int c = layer.numFeatures();
        String expectedCount = c == 1 ? "1 entry (num_features is 1)"
                : "1 entry (used for every channel) or " + c + " (one per channel: num_features is " + c + ")";
        if (!channelsNode.isArray()) {
            throw PresetFormatException.at(channelsPath, "expected a list of " + expectedCount + ", got "
                    + show(channelsNode));
        }
        int given = channelsNode.size();
        if (given != 1 && given != c) {
            throw PresetFormatException.at(channelsPath, given + (given == 1 ? " entry" : " entries") + ", expected "
                    + expectedCount);
        }
        List<ChannelSource> sources = new ArrayList<>(c);
        for (int i = 0; i < given; i++) {
            sources.add(readSource(channelsNode.get(i), element(channelsPath, i)));
        }
        while (sources.size() < c) {
            sources.add(sources.get(0));
        }

        double drift = FIELDS.number(node, "drift_per_step", path, 0.0, "a number");
        long seed = 0;
        JsonNode seedNode = node.get("seed");
        if (seedNode != null) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw PresetFormatException.at(child(path, "seed"), "expected a whole number (a 64-bit integer), got "
                        + show(seedNode));
            }
            seed = seedNode.asLong();
        }
        boolean fresh = FIELDS.bool(node, "fresh_each_step", path, true);
        long s = seed;
        return construct(path, INPUT_FIELDS, () -> new BatchSpec(batchSize, spatial, sources, drift, s, fresh));
    }

    private static ChannelSource readSource(JsonNode node, String path) throws PresetFormatException {
        if (node == null || !node.isObject()) {
            throw PresetFormatException.at(path, "expected a channel source such as {\"source\": \"normal\", \"mean\": 0, "
                    + "\"std\": 1}, got " + show(node));
        }
        String sourcePath = child(path, "source");
        JsonNode kindNode = FIELDS.required(node, "source", path, SOURCES);
        String kind = FIELDS.text(kindNode, sourcePath, SOURCES);
        switch (kind) {
            case "constant" -> {
                FIELDS.noUnknownFields(node, path, CONSTANT_FIELDS, " for a constant source");
                double value = FIELDS.number(FIELDS.required(node, "value", path, "a number"), child(path, "value"), "a number");
                return construct(path, CONSTANT_FIELDS, () -> new ChannelSource.Constant(value));
            }
            case "normal" -> {
                FIELDS.noUnknownFields(node, path, NORMAL_FIELDS, " for a normal source");
                double mean = FIELDS.number(node, "mean", path, 0.0, "a number");
                double std = FIELDS.number(node, "std", path, 1.0, "a number >= 0");
                return construct(path, NORMAL_FIELDS, () -> new ChannelSource.Normal(mean, std));
            }
            case "uniform" -> {
                FIELDS.noUnknownFields(node, path, UNIFORM_FIELDS, " for a uniform source");
                double a = FIELDS.number(node, "a", path, 0.0, "a number");
                double b = FIELDS.number(node, "b", path, 1.0, "a number");
                return construct(path, UNIFORM_FIELDS, () -> new ChannelSource.Uniform(a, b));
            }
            default -> throw PresetFormatException.at(sourcePath, "expected " + SOURCES + ", got " + show(kindNode));
        }
    }

    private static Momentum momentum(JsonNode node, String path) throws PresetFormatException {
        if (node.isNull()) {
            return Momentum.CUMULATIVE;
        }
        double v = FIELDS.number(node, path, MOMENTUM);
        return construct(path, () -> Momentum.of(v));
    }

    // ------------------------------------------------------------------------------- writing

    /** The preset as the JSON text of a preset file (indented; every layer and input field written out). */
    public static String toJson(Preset preset) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(write(preset)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The preset as a JSON object. */
    public static ObjectNode write(Preset p) {
        ObjectNode root = NODES.objectNode();
        root.put("name", p.name());
        if (!p.nameZhCn().isEmpty()) {
            root.put("name_zh-CN", p.nameZhCn());
        }
        root.put("description", p.description());
        if (!p.descriptionZhCn().isEmpty()) {
            root.put("description_zh-CN", p.descriptionZhCn());
        }

        LayerConfig l = p.layer();
        ObjectNode layer = root.putObject("layer");
        layer.put("type", l.kind().torchName());
        layer.put("num_features", l.numFeatures());
        putNumber(layer, "eps", l.eps());
        putMomentum(layer, l.momentum());
        layer.put("affine", l.affine());
        layer.put("track_running_stats", l.trackRunningStats());
        if (l.kind() == LayerKind.GROUP_NORM) {
            layer.put("num_groups", l.numGroups());
        }
        if (l.kind() == LayerKind.LAYER_NORM) {
            layer.put("normalized_dims", l.normalizedDims());
        }

        root.put("mode", p.training() ? "train" : "eval");

        BatchSpec b = p.batches();
        ObjectNode input = root.putObject("input");
        input.put("batch_size", b.batchSize());
        ArrayNode spatial = input.putArray("spatial");
        for (int d : b.spatial()) {
            spatial.add(d);
        }
        ArrayNode channels = input.putArray("channels");
        List<ChannelSource> sources = b.sources();
        boolean allSame = sources.stream().allMatch(s -> s.equals(sources.get(0)));
        for (ChannelSource s : allSame ? sources.subList(0, 1) : sources) {
            writeSource(channels.addObject(), s);
        }
        putNumber(input, "drift_per_step", b.driftPerStep());
        input.put("seed", b.seed());
        input.put("fresh_each_step", b.freshEachStep());

        if (p.compareMomentum() != null) {
            putMomentum(root.putObject("compare"), p.compareMomentum());
        }
        return root;
    }

    private static void writeSource(ObjectNode node, ChannelSource source) {
        if (source instanceof ChannelSource.Constant c) {
            node.put("source", "constant");
            putNumber(node, "value", c.value());
        } else if (source instanceof ChannelSource.Normal n) {
            node.put("source", "normal");
            putNumber(node, "mean", n.mean());
            putNumber(node, "std", n.std());
        } else if (source instanceof ChannelSource.Uniform u) {
            node.put("source", "uniform");
            putNumber(node, "a", u.low());
            putNumber(node, "b", u.high());
        } else {
            throw new IllegalArgumentException("no JSON form for the source " + source);
        }
    }

    private static void putMomentum(ObjectNode node, Momentum m) {
        if (m.isCumulative()) {
            node.putNull("momentum");
        } else {
            putNumber(node, "momentum", m.value());
        }
    }

    /** A whole number as {@code 1} rather than {@code 1.0}; anything else (and -0.0) as Java's shortest double. */
    private static void putNumber(ObjectNode node, String field, double v) {
        boolean negativeZero = v == 0 && Double.doubleToRawLongBits(v) != 0;
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero) {
            node.put(field, (long) v);
        } else {
            node.put(field, v);
        }
    }

    // ------------------------------------------------------------------------------- JSON helpers

    /** Parses JSON text into a tree; the error says where the text stops being JSON. */
    static JsonNode parseTree(String json) throws PresetFormatException {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw PresetFormatException.at("", "not JSON: the text is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = JsonPaths.where(e);
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            if (message.startsWith("Duplicate field") && e instanceof StreamReadException read) {
                // named by its path, as the scenario reader names it: "layer.momentum: a field given twice"
                throw new PresetFormatException(JsonPaths.pathOf(read), "a field given twice (the second" + where + ")",
                        e);
            }
            throw new PresetFormatException("", "not JSON" + where + ": " + message, e);
        }
    }

    /** Runs a constructor; its refusal (an IllegalArgumentException) becomes a format error at {@code path}. */
    private static <T> T construct(String path, Supplier<T> make) throws PresetFormatException {
        return construct(path, List.of(), make);
    }

    /**
     * Runs a constructor of the object at {@code path}; its refusal becomes a format error at
     * {@code path}, or at {@code path.field} when the refusal's message starts with one of the
     * object's {@code fields} ("eps must be ..." is {@code layer.eps}).
     */
    private static <T> T construct(String path, List<String> fields, Supplier<T> make) throws PresetFormatException {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String at = path;
            for (String field : fields) {
                if (message.startsWith(field + " ")) {
                    at = child(path, field);
                    break;
                }
            }
            throw new PresetFormatException(at, message, e);
        }
    }
}
