package org.normscope.sessionfile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.batch.Generator;
import org.normscope.engine.Momentum;
import org.normscope.history.HistoryPyramid;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.SessionHistory;
import org.normscope.session.SessionJournal;
import org.normscope.session.SessionState;
import org.normscope.session.StepSetup;

/**
 * The binary part of a session file ({@code history.bin}): what a session recorded, bit for
 * bit, in big-endian {@link DataOutput} form. In order:
 * <ol>
 *   <li>the magic {@code "NSB1"} and the part's version: 1 when every batch setting is drawn
 *       with {@code splittable-polar-1} (so a NormScope from before issue 18 still opens it),
 *       else 2;
 *   <li>the batch settings used anywhere, each once: N, the sizes after C, each channel's
 *       source (a tag: 0 constant, 1 normal, 2 uniform, and its doubles), the drift, the seed
 *       and whether each step draws afresh, then, in version 2 only, its generator (a byte:
 *       0 {@code splittable-polar-1}, 1 {@code ziggurat-1});
 *   <li>the step setups used anywhere, each once: the layer's arguments (kind, C, eps, momentum
 *       with NaN for None, affine, tracking), the mode, γ and β (length -1 for none), the index
 *       of its batch settings, and the comparison's momentum;
 *   <li>the layer's parameters and buffers (γ, β, running_mean, running_var, num_batches_tracked),
 *       then a flag and the comparison layer's;
 *   <li>the history: C, the sampling period of the distributions, step 0's stats, the setup
 *       index of each slot of the exact window (-1 for none), the outlier flags, the batch
 *       settings' segments (first step, index), then the two {@link HistoryPyramid}s;
 *   <li>the journal: how many entries were dropped, then each entry as a tag and its fields.
 * </ol>
 * Floats and doubles are written by their bits. Reading checks every count and index before it
 * allocates or uses it, so that a damaged file is refused with one sentence, never an error of
 * the program's own.
 */
final class SessionBinary {

    static final int MAGIC = 0x4E53_4231; // "NSB1"
    /** The part's version when every batch setting draws with splittable-polar-1: what NormScope wrote before issue 18. */
    static final int VERSION_POLAR_ONLY = 1;
    /** The part's version with a generator in each batch setting. */
    static final int VERSION = 2;
    /** A batch setting's generator in version 2, by its code (the index in this list). */
    private static final List<Generator> GENERATORS = List.of(Generator.SPLITTABLE_POLAR_1, Generator.ZIGGURAT_1);

    private static final int MAX_TABLE = 1_000_000;
    /** The most values a weight or bias holds: LayerNorm's over (C, *spatial) can outnumber the channels. */
    private static final int MAX_PARAMETERS = 1 << 24;
    private static final int MAX_SPATIAL = 3;
    private static final int MAX_TEXT = 1 << 16;

    private static final byte BUILT = 0;
    private static final byte STEPS = 1;
    private static final byte REFUSED = 2;
    private static final byte RESET = 3;
    private static final byte EPS = 4;
    private static final byte MOMENTUM = 5;
    private static final byte MODE = 6;
    private static final byte WEIGHT = 7;
    private static final byte BIAS = 8;
    private static final byte BATCHES = 9;
    private static final byte OUTLIER = 10;

    /** What the binary part holds, beside what {@code session.json} says. */
    record Contents(SessionState.LayerState layer, SessionState.LayerState comparison, SessionHistory history,
                    List<SessionJournal.Entry> journal, long journalDropped, List<BatchSpec> batches) {
    }

    private SessionBinary() {
    }

    // ---- writing --------------------------------------------------------------------------------

    static void write(SessionState s, DataOutput out) throws IOException {
        SessionHistory.Parts parts = s.history().parts();
        Map<BatchSpec, Integer> batches = new LinkedHashMap<>();
        Map<StepSetup, Integer> setups = new LinkedHashMap<>();
        IdentityHashMap<StepSetup, Integer> seen = new IdentityHashMap<>();
        batches.putIfAbsent(s.batches(), batches.size());
        for (BatchSpec b : parts.truthBatches()) {
            batches.putIfAbsent(b, batches.size());
        }
        List<StepSetup> used = new ArrayList<>();
        for (StepSetup st : parts.setups()) {
            if (st != null) {
                used.add(st);
            }
        }
        for (SessionJournal.Entry e : s.journal()) {
            if (e instanceof SessionJournal.Steps st) {
                used.add(st.setup());
            } else if (e instanceof SessionJournal.Refused r) {
                used.add(r.setup());
            } else if (e instanceof SessionJournal.Built b) {
                batches.putIfAbsent(b.batches(), batches.size());
            } else if (e instanceof SessionJournal.BatchesSet b) {
                batches.putIfAbsent(b.batches(), batches.size());
            }
        }
        for (StepSetup st : used) {
            if (seen.containsKey(st)) {
                continue;
            }
            Integer index = setups.get(st);
            if (index == null) {
                index = setups.size();
                setups.put(st, index);
                batches.putIfAbsent(st.batches(), batches.size());
            }
            seen.put(st, index);
        }

        boolean polarOnly = true;
        for (BatchSpec b : batches.keySet()) {
            polarOnly &= b.generator() == Generator.SPLITTABLE_POLAR_1;
        }
        out.writeInt(MAGIC);
        out.writeInt(polarOnly ? VERSION_POLAR_ONLY : VERSION);
        out.writeInt(batches.size());
        for (BatchSpec b : batches.keySet()) {
            writeBatches(b, out);
            if (!polarOnly) {
                out.writeByte(GENERATORS.indexOf(b.generator()));
            }
        }
        out.writeInt(setups.size());
        for (StepSetup st : setups.keySet()) {
            writeConfig(st.config(), out);
            out.writeBoolean(st.training());
            writeFloats(st.weight(), out);
            writeFloats(st.bias(), out);
            out.writeInt(batches.get(st.batches()));
            writeOptionalMomentum(st.compareMomentum(), out);
        }
        writeLayer(s.layer(), out);
        out.writeBoolean(s.comparison() != null);
        if (s.comparison() != null) {
            writeLayer(s.comparison(), out);
        }

        out.writeInt(parts.channels());
        out.writeLong(parts.sampleEvery());
        writeFloats(parts.initial(), out);
        out.writeInt(parts.setups().length);
        for (StepSetup st : parts.setups()) {
            out.writeInt(st == null ? -1 : seen.get(st));
        }
        for (boolean o : parts.outliers()) {
            out.writeBoolean(o);
        }
        out.writeInt(parts.truthFrom().length);
        for (int i = 0; i < parts.truthFrom().length; i++) {
            out.writeLong(parts.truthFrom()[i]);
            out.writeInt(batches.get(parts.truthBatches()[i]));
        }
        parts.stats().writeTo(out);
        parts.distributions().writeTo(out);

        out.writeLong(s.journalDropped());
        out.writeInt(s.journal().size());
        for (SessionJournal.Entry e : s.journal()) {
            writeEntry(e, out, batches, seen);
        }
    }

    private static void writeEntry(SessionJournal.Entry e, DataOutput out, Map<BatchSpec, Integer> batches,
                                   Map<StepSetup, Integer> setups) throws IOException {
        if (e instanceof SessionJournal.Built b) {
            out.writeByte(BUILT);
            writeConfig(b.config(), out);
            out.writeBoolean(b.training());
            out.writeInt(batches.get(b.batches()));
        } else if (e instanceof SessionJournal.Steps st) {
            out.writeByte(STEPS);
            out.writeLong(st.first());
            out.writeLong(st.last());
            out.writeInt(setups.get(st.setup()));
            out.writeBoolean(st.outlier());
            out.writeLong(st.trackedBefore());
        } else if (e instanceof SessionJournal.Refused r) {
            out.writeByte(REFUSED);
            out.writeLong(r.step());
            out.writeInt(setups.get(r.setup()));
            out.writeBoolean(r.outlier());
            writeText(r.errorType(), out);
            writeText(r.message(), out);
            out.writeLong(r.trackedBefore());
            out.writeLong(r.trackedAfter());
        } else if (e instanceof SessionJournal.ResetRunningStats) {
            out.writeByte(RESET);
        } else if (e instanceof SessionJournal.EpsSet x) {
            out.writeByte(EPS);
            out.writeDouble(x.eps());
        } else if (e instanceof SessionJournal.MomentumSet m) {
            out.writeByte(MOMENTUM);
            writeMomentum(m.momentum(), out);
        } else if (e instanceof SessionJournal.ModeSet m) {
            out.writeByte(MODE);
            out.writeBoolean(m.training());
        } else if (e instanceof SessionJournal.WeightSet w) {
            out.writeByte(WEIGHT);
            out.writeInt(w.channel());
            out.writeFloat(w.value());
        } else if (e instanceof SessionJournal.BiasSet b) {
            out.writeByte(BIAS);
            out.writeInt(b.channel());
            out.writeFloat(b.value());
        } else if (e instanceof SessionJournal.BatchesSet b) {
            out.writeByte(BATCHES);
            out.writeInt(batches.get(b.batches()));
        } else if (e instanceof SessionJournal.OutlierQueued) {
            out.writeByte(OUTLIER);
        } else {
            throw new IllegalArgumentException("no binary form for " + e);
        }
    }

    private static void writeBatches(BatchSpec b, DataOutput out) throws IOException {
        out.writeInt(b.batchSize());
        int[] spatial = b.spatial();
        out.writeInt(spatial.length);
        for (int d : spatial) {
            out.writeInt(d);
        }
        out.writeInt(b.sources().size());
        for (ChannelSource source : b.sources()) {
            if (source instanceof ChannelSource.Constant c) {
                out.writeByte(0);
                out.writeDouble(c.value());
            } else if (source instanceof ChannelSource.Normal n) {
                out.writeByte(1);
                out.writeDouble(n.mean());
                out.writeDouble(n.std());
            } else if (source instanceof ChannelSource.Uniform u) {
                out.writeByte(2);
                out.writeDouble(u.low());
                out.writeDouble(u.high());
            } else {
                throw new IllegalArgumentException("no binary form for " + source);
            }
        }
        out.writeDouble(b.driftPerStep());
        out.writeLong(b.seed());
        out.writeBoolean(b.freshEachStep());
    }

    private static void writeConfig(LayerConfig c, DataOutput out) throws IOException {
        out.writeByte(c.kind().ordinal());
        out.writeInt(c.numFeatures());
        out.writeDouble(c.eps());
        writeMomentum(c.momentum(), out);
        out.writeBoolean(c.affine());
        out.writeBoolean(c.trackRunningStats());
        if (c.kind() == LayerKind.GROUP_NORM || c.kind() == LayerKind.LAYER_NORM) {
            // only the kinds added after version 1's BatchNorm have these: BatchNorm files stay as they were
            out.writeInt(c.numGroups());
            out.writeInt(c.normalizedDims());
        }
    }

    private static void writeMomentum(Momentum m, DataOutput out) throws IOException {
        out.writeDouble(m.isCumulative() ? Double.NaN : m.value());
    }

    private static void writeOptionalMomentum(Momentum m, DataOutput out) throws IOException {
        out.writeBoolean(m != null);
        if (m != null) {
            writeMomentum(m, out);
        }
    }

    private static void writeLayer(SessionState.LayerState l, DataOutput out) throws IOException {
        writeFloats(l.weight(), out);
        writeFloats(l.bias(), out);
        writeFloats(l.runningMean(), out);
        writeFloats(l.runningVar(), out);
        out.writeLong(l.numBatchesTracked());
    }

    private static void writeFloats(float[] v, DataOutput out) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (float f : v) {
            out.writeInt(Float.floatToRawIntBits(f));
        }
    }

    private static void writeText(String s, DataOutput out) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }

    // ---- reading --------------------------------------------------------------------------------

    static Contents read(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw damaged("its history part does not start as one");
        }
        int version = in.readInt();
        if (version != VERSION && version != VERSION_POLAR_ONLY) {
            throw damaged("its history part has version " + version + ", this NormScope reads versions "
                    + VERSION_POLAR_ONLY + " and " + VERSION);
        }
        List<BatchSpec> batches = new ArrayList<>();
        int nb = count(in.readInt(), MAX_TABLE, "batch settings");
        for (int i = 0; i < nb; i++) {
            BatchSpec b = readBatches(in);
            Generator g = version == VERSION_POLAR_ONLY ? Generator.SPLITTABLE_POLAR_1
                    : GENERATORS.get(index(in.readByte(), GENERATORS.size(), "generators"));
            batches.add(b.withGenerator(g));
        }
        List<StepSetup> setups = new ArrayList<>();
        int ns = count(in.readInt(), MAX_TABLE, "step setups");
        for (int i = 0; i < ns; i++) {
            LayerConfig config = readConfig(in);
            boolean training = in.readBoolean();
            float[] weight = readFloats(in, MAX_PARAMETERS);
            float[] bias = readFloats(in, MAX_PARAMETERS);
            BatchSpec b = batches.get(index(in.readInt(), batches.size(), "batch settings"));
            Momentum compare = in.readBoolean() ? readMomentum(in) : null;
            setups.add(construct(() -> new StepSetup(config, training, weight, bias, b, compare)));
        }
        SessionState.LayerState layer = readLayer(in);
        SessionState.LayerState comparison = in.readBoolean() ? readLayer(in) : null;

        int channels = count(in.readInt(), LayerConfig.MAX_FEATURES, "channels");
        long sampleEvery = in.readLong();
        float[] initial = readFloats(in, 6 * LayerConfig.MAX_FEATURES);
        int slots = count(in.readInt(), HistoryPyramid.DEFAULT_EXACT_STEPS, "exact steps");
        StepSetup[] slotSetups = new StepSetup[slots];
        for (int i = 0; i < slots; i++) {
            int k = in.readInt();
            slotSetups[i] = k == -1 ? null : setups.get(index(k, setups.size(), "step setups"));
        }
        boolean[] outliers = new boolean[slots];
        for (int i = 0; i < slots; i++) {
            outliers[i] = in.readBoolean();
        }
        int segments = count(in.readInt(), MAX_TABLE, "batch segments");
        long[] truthFrom = new long[segments];
        BatchSpec[] truthBatches = new BatchSpec[segments];
        for (int i = 0; i < segments; i++) {
            truthFrom[i] = in.readLong();
            truthBatches[i] = batches.get(index(in.readInt(), batches.size(), "batch settings"));
        }
        HistoryPyramid stats = HistoryPyramid.readFrom(in);
        HistoryPyramid distributions = HistoryPyramid.readFrom(in);
        if (initial == null) {
            throw damaged("its history has no step 0");
        }
        SessionHistory history = construct(() -> SessionHistory.of(new SessionHistory.Parts(channels, sampleEvery, stats,
                distributions, initial, slotSetups, outliers, truthFrom, truthBatches)));

        long dropped = in.readLong();
        if (dropped < 0) {
            throw damaged("its journal dropped " + dropped + " entries");
        }
        int entries = count(in.readInt(), SessionJournal.MAX_ENTRIES, "journal entries");
        List<SessionJournal.Entry> journal = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            journal.add(readEntry(in, batches, setups));
        }
        return new Contents(layer, comparison, history, journal, dropped, batches);
    }

    private static SessionJournal.Entry readEntry(DataInput in, List<BatchSpec> batches, List<StepSetup> setups)
            throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case BUILT -> {
                LayerConfig c = readConfig(in);
                boolean training = in.readBoolean();
                yield new SessionJournal.Built(c, training, batches.get(index(in.readInt(), batches.size(), "batch settings")));
            }
            case STEPS -> {
                long first = in.readLong();
                long last = in.readLong();
                StepSetup st = setups.get(index(in.readInt(), setups.size(), "step setups"));
                boolean outlier = in.readBoolean();
                long tracked = in.readLong();
                if (first < 1 || last < first || tracked < 0) {
                    throw damaged("its journal has steps " + first + " to " + last);
                }
                yield new SessionJournal.Steps(first, last, st, outlier, tracked);
            }
            case REFUSED -> {
                long step = in.readLong();
                StepSetup st = setups.get(index(in.readInt(), setups.size(), "step setups"));
                boolean outlier = in.readBoolean();
                String type = readText(in);
                String message = readText(in);
                yield new SessionJournal.Refused(step, st, outlier, type, message, in.readLong(), in.readLong());
            }
            case RESET -> new SessionJournal.ResetRunningStats();
            case EPS -> new SessionJournal.EpsSet(in.readDouble());
            case MOMENTUM -> new SessionJournal.MomentumSet(readMomentum(in));
            case MODE -> new SessionJournal.ModeSet(in.readBoolean());
            case WEIGHT -> new SessionJournal.WeightSet(in.readInt(), in.readFloat());
            case BIAS -> new SessionJournal.BiasSet(in.readInt(), in.readFloat());
            case BATCHES -> new SessionJournal.BatchesSet(batches.get(index(in.readInt(), batches.size(), "batch settings")));
            case OUTLIER -> new SessionJournal.OutlierQueued();
            default -> throw damaged("its journal has an entry of unknown kind " + tag);
        };
    }

    private static BatchSpec readBatches(DataInput in) throws IOException {
        int n = in.readInt();
        int[] spatial = new int[count(in.readInt(), MAX_SPATIAL, "sizes after C")];
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = in.readInt();
        }
        int channels = count(in.readInt(), LayerConfig.MAX_FEATURES, "channel sources");
        List<ChannelSource> sources = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            byte tag = in.readByte();
            double a = in.readDouble();
            sources.add(switch (tag) {
                case 0 -> construct(() -> new ChannelSource.Constant(a));
                case 1 -> {
                    double b = in.readDouble();
                    yield construct(() -> new ChannelSource.Normal(a, b));
                }
                case 2 -> {
                    double b = in.readDouble();
                    yield construct(() -> new ChannelSource.Uniform(a, b));
                }
                default -> throw damaged("a channel source of unknown kind " + tag);
            });
        }
        double drift = in.readDouble();
        long seed = in.readLong();
        boolean fresh = in.readBoolean();
        return construct(() -> new BatchSpec(n, spatial, sources, drift, seed, fresh));
    }

    private static LayerConfig readConfig(DataInput in) throws IOException {
        int kind = in.readByte();
        LayerKind[] kinds = LayerKind.values();
        LayerKind k = kinds[index(kind, kinds.length, "layer kinds")];
        int c = in.readInt();
        double eps = in.readDouble();
        Momentum m = readMomentum(in);
        boolean affine = in.readBoolean();
        boolean track = in.readBoolean();
        boolean grouped = k == LayerKind.GROUP_NORM || k == LayerKind.LAYER_NORM;
        int groups = grouped ? in.readInt() : 1;
        int dims = grouped ? in.readInt() : 1;
        return construct(() -> new LayerConfig(k, c, eps, m, affine, track, groups, dims));
    }

    private static Momentum readMomentum(DataInput in) throws IOException {
        double v = in.readDouble();
        return Double.isNaN(v) ? Momentum.CUMULATIVE : construct(() -> Momentum.of(v));
    }

    private static SessionState.LayerState readLayer(DataInput in) throws IOException {
        float[] weight = readFloats(in, MAX_PARAMETERS);
        float[] bias = readFloats(in, MAX_PARAMETERS);
        float[] mean = readFloats(in, LayerConfig.MAX_FEATURES);
        float[] var = readFloats(in, LayerConfig.MAX_FEATURES);
        return new SessionState.LayerState(weight, bias, mean, var, in.readLong());
    }

    private static float[] readFloats(DataInput in, int max) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        float[] v = new float[count(n, max, "values")];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(in.readInt());
        }
        return v;
    }

    private static String readText(DataInput in) throws IOException {
        char[] c = new char[count(in.readInt(), MAX_TEXT, "characters")];
        for (int i = 0; i < c.length; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }

    private static int count(int n, int max, String what) throws IOException {
        if (n < 0 || n > max) {
            throw damaged("it says " + n + " " + what + ", at most " + max + " can be");
        }
        return n;
    }

    private static int index(int i, int size, String what) throws IOException {
        if (i < 0 || i >= size) {
            throw damaged("it refers to entry " + i + " of " + size + " " + what);
        }
        return i;
    }

    /** A value the program's own constructors refuse, as a damaged file. */
    private static <T> T construct(java.util.function.Supplier<T> make) throws IOException {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
    }

    static IOException damaged(String why) {
        return new IOException("the file is damaged: " + why);
    }
}
