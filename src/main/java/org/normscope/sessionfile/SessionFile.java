package org.normscope.sessionfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.normscope.NormScope;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.Generator;
import org.normscope.files.AtomicWrite;
import org.normscope.json.JsonPaths;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetFormatException;
import org.normscope.preset.PresetJson;
import org.normscope.session.ConsoleLog;
import org.normscope.session.SessionState;

/**
 * A session saved to a file ({@code .normscope}): a zip archive of two parts.
 * <ul>
 *   <li>{@code session.json}, human-readable: the format's name and version, the NormScope that
 *       wrote it, the generator the session's batches are drawn with (its {@link Generator}'s
 *       id; a batch setting met earlier in the session may have another, which
 *       {@code history.bin} records), the setup (the layer's arguments,
 *       the mode, the input settings and the comparison, as a preset file writes them), the
 *       step count and what the window pointed out last, the view (range, cursor, channels),
 *       and the console's entries;
 *   <li>{@code history.bin}: the rest, exactly (see {@link SessionBinary}): the layer's
 *       running stats and parameters bit for bit, the history, what each of the last 10,000
 *       steps ran with, and the journal of changes.
 * </ul>
 * A file is written atomically ({@link AtomicWrite}). Opening it refuses, with one sentence
 * naming the file, anything it cannot open exactly: not a file, over {@value #MAX_MB} MB, not a
 * zip, a part missing or damaged, a newer version.
 */
public final class SessionFile {

    /** The file name extension, with its dot. */
    public static final String EXTENSION = ".normscope";
    /** The format's name, in {@code session.json}. */
    public static final String FORMAT = "normscope-session";
    /** The version this NormScope writes, and the newest it opens. */
    public static final int VERSION = 1;
    /** The largest file opened, in MB. */
    public static final int MAX_MB = 256;
    static final String SETTINGS = "session.json";
    static final String HISTORY = "history.bin";
    /** The most bytes a part may unpack to: a zip that says less may still unpack to more. */
    private static final long MAX_SETTINGS_BYTES = 64L << 20;
    private static final long MAX_HISTORY_BYTES = 1L << 30;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> TOP = List.of("format", "version", "app", "generator", "setup", "state", "view",
            "console");
    private static final List<String> STATE = List.of("step", "outlier_next", "histogram_channels", "refusal",
            "refusal_id", "notice", "notice_id");
    private static final List<String> VIEW = List.of("cursor", "from", "to", "span", "following",
            "histogram_channel", "over_time", "picked", "banner", "banner_is_error", "preset");
    private static final List<String> CONSOLE = List.of("kind", "text");

    /** A session and how the window showed it. */
    public record Saved(SessionState state, SessionView view) {
    }

    private SessionFile() {
    }

    /** A byte array stream whose buffer is read in place (a session's history is tens of MB: no copy of it). */
    private static final class ByteArrayOutputStream extends java.io.ByteArrayOutputStream {
        ByteArrayOutputStream(int size) {
            super(size);
        }

        byte[] buf() {
            return buf;
        }
    }

    // ---- saving ---------------------------------------------------------------------------------

    /**
     * Saves {@code saved} to {@code target}, atomically: the old file stays whole until the new
     * one is complete on the disk.
     */
    public static void save(Path target, Saved saved) throws SessionFileException {
        try {
            AtomicWrite.write(target, out -> write(saved, out));
        } catch (IOException e) {
            throw new SessionFileException(oneLine(target, e));
        }
    }

    /** Writes the archive to {@code out}. */
    static void write(Saved saved, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(SETTINGS));
        zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings(saved)));
        zip.closeEntry();
        // stored, not deflated: floats barely compress, and deflating them took most of a save's time
        ByteArrayOutputStream history = new ByteArrayOutputStream(1 << 20);
        DataOutputStream data = new DataOutputStream(history);
        SessionBinary.write(saved.state(), data);
        data.flush();
        ZipEntry entry = new ZipEntry(HISTORY);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(history.size());
        entry.setCompressedSize(history.size());
        CRC32 crc = new CRC32();
        crc.update(history.buf(), 0, history.size());
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(history.buf(), 0, history.size());
        zip.closeEntry();
        zip.finish();
    }

    private static ObjectNode settings(Saved saved) {
        SessionState s = saved.state();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("app", NormScope.NAME_AND_VERSION);
        root.put("generator", s.batches().generator().id());
        root.set("setup", PresetJson.write(new Preset("session", "", s.config(), s.batches(), s.training(),
                s.compareMomentum())));
        ObjectNode state = root.putObject("state");
        state.put("step", s.step());
        state.put("outlier_next", s.outlierNext());
        ArrayNode channels = state.putArray("histogram_channels");
        for (int c : s.histogramChannels()) {
            channels.add(c);
        }
        state.put("refusal", s.refusal());
        state.put("refusal_id", s.refusalId());
        state.put("notice", s.notice());
        state.put("notice_id", s.noticeId());
        SessionView v = saved.view();
        ObjectNode view = root.putObject("view");
        view.put("cursor", v.cursor());
        view.put("from", v.from());
        view.put("to", v.to());
        view.put("span", v.span());
        view.put("following", v.following());
        view.put("histogram_channel", v.histogramChannel());
        view.put("over_time", v.overTime());
        ArrayNode picked = view.putArray("picked");
        v.picked().forEach(picked::add);
        view.put("banner", v.banner());
        view.put("banner_is_error", v.bannerIsError());
        view.put("preset", v.preset());
        ArrayNode console = root.putArray("console");
        for (ConsoleLog.Entry e : s.console()) {
            ObjectNode entry = console.addObject();
            entry.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("text", e.text());
        }
        return root;
    }

    // ---- opening --------------------------------------------------------------------------------

    /** Opens the session saved in {@code file}; every refusal is one sentence naming the file. */
    public static Saved open(Path file) throws SessionFileException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new SessionFileException(file + ": is a folder, not a session file");
            }
            if (!a.isRegularFile()) {
                throw new SessionFileException(file + ": is not a regular file (a device, a pipe or a socket)");
            }
            if (a.size() > (long) MAX_MB << 20) {
                throw new SessionFileException(file + ": " + (a.size() >> 20) + " MB, over the " + MAX_MB
                        + " MB a session file may have");
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                return read(zip);
            }
        } catch (NoSuchFileException e) {
            throw new SessionFileException(file + ": no such file");
        } catch (ZipException e) {
            throw new SessionFileException(file + ": not a NormScope session (not a zip archive)");
        } catch (IOException e) {
            throw new SessionFileException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SessionFileException(file + ": the file is damaged (" + e + ")");
        }
    }

    private static Saved read(ZipFile zip) throws IOException {
        ZipEntry settingsEntry = zip.getEntry(SETTINGS);
        if (settingsEntry == null) {
            throw new IOException("not a NormScope session (it has no " + SETTINGS + ")");
        }
        JsonNode root;
        try (InputStream in = capped(zip.getInputStream(settingsEntry), MAX_SETTINGS_BYTES)) {
            root = MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(SETTINGS + " is not JSON (" + e.getOriginalMessage() + ")");
        }
        Settings settings = readSettings(root);
        ZipEntry historyEntry = zip.getEntry(HISTORY);
        if (historyEntry == null) {
            throw new IOException("the file is damaged (it has no " + HISTORY + ")");
        }
        SessionBinary.Contents contents;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                capped(zip.getInputStream(historyEntry), MAX_HISTORY_BYTES), 1 << 16))) {
            contents = SessionBinary.read(in);
            if (in.read() != -1) {
                throw SessionBinary.damaged("its history part goes on past its end");
            }
        } catch (EOFException e) {
            throw SessionBinary.damaged("its history part ends too soon");
        }
        BatchSpec batches = settings.preset.batches();
        boolean found = false;
        for (BatchSpec known : contents.batches()) {
            if (known.equals(batches)) {
                batches = known; // the same object the history holds: the next step extends its segment
                found = true;
                break;
            }
        }
        if (!found && !contents.batches().isEmpty()) {
            for (BatchSpec known : contents.batches()) {
                if (known.withGenerator(batches.generator()).equals(batches)) {
                    // drawing on with another generator would give other numbers than the session had
                    throw SessionBinary.damaged("its generator (\"" + batches.generator().id()
                            + "\") is not the one its history drew these batches with (\"" + known.generator().id()
                            + "\")");
                }
            }
        }
        Preset p = settings.preset;
        SessionState state;
        try {
            state = new SessionState(p.layer(), batches, p.compareMomentum(), p.training(), contents.layer(),
                    contents.comparison(), settings.step, settings.outlierNext, settings.histogramChannels,
                    settings.refusal, settings.refusalId, settings.notice, settings.noticeId, settings.console,
                    contents.history(), contents.journal(), contents.journalDropped());
        } catch (IllegalArgumentException e) {
            throw SessionBinary.damaged(e.getMessage());
        }
        if ((state.comparison() == null) != (state.compareMomentum() == null)) {
            throw SessionBinary.damaged("the comparison layer does not match its setup");
        }
        return new Saved(state, settings.view);
    }

    private record Settings(Preset preset, long step, boolean outlierNext, int[] histogramChannels, String refusal,
                            long refusalId, String notice, long noticeId, SessionView view,
                            List<ConsoleLog.Entry> console) {
    }

    private static Settings readSettings(JsonNode root) throws IOException {
        if (!root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException("not a NormScope session (" + SETTINGS + " does not name the format "
                    + FORMAT + ")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
            throw new IOException("version: expected a whole number of at least 1");
        }
        if (version.asInt() > VERSION) {
            throw new IOException("written by a newer NormScope (session format version " + version.asInt()
                    + "; this one, " + NormScope.VERSION + ", opens version " + VERSION + " and older)");
        }
        unknown(root, "", TOP);
        String name = text(root, "generator", "");
        Generator generator = Generator.byId(name).orElseThrow(() -> new IOException("generator: its batches were"
                + " drawn with \"" + name + "\", which this NormScope does not have (it has " + Arrays.stream(
                        Generator.values()).map(g -> "\"" + g.id() + "\"").collect(Collectors.joining(" and ")) + ")"));
        Preset preset;
        try {
            preset = PresetJson.read(field(root, "setup", ""), "setup");
        } catch (PresetFormatException e) {
            throw new IOException(e.getMessage());
        }
        preset = new Preset(preset.name(), preset.description(), preset.layer(),
                preset.batches().withGenerator(generator), preset.training(), preset.compareMomentum(),
                preset.nameZhCn(), preset.descriptionZhCn());
        JsonNode state = field(root, "state", "");
        unknown(state, "state", STATE);
        JsonNode channels = field(state, "histogram_channels", "state");
        if (!channels.isArray() || channels.size() > 64) {
            throw new IOException("state.histogram_channels: expected a list of at most 64 channels");
        }
        int[] histogramChannels = new int[channels.size()];
        for (int i = 0; i < histogramChannels.length; i++) {
            histogramChannels[i] = (int) whole(channels.get(i), "state.histogram_channels[" + i + "]", 0, 63);
        }
        JsonNode view = field(root, "view", "");
        unknown(view, "view", VIEW);
        JsonNode pickedNode = field(view, "picked", "view");
        if (!pickedNode.isArray() || pickedNode.isEmpty() || pickedNode.size() > 64) {
            throw new IOException("view.picked: expected a list of 1 to 64 channels");
        }
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < pickedNode.size(); i++) {
            picked.add((int) whole(pickedNode.get(i), "view.picked[" + i + "]", 0, 63));
        }
        SessionView v = new SessionView(whole(field(view, "cursor", "view"), "view.cursor", 0, Long.MAX_VALUE),
                whole(field(view, "from", "view"), "view.from", 0, Long.MAX_VALUE),
                whole(field(view, "to", "view"), "view.to", 0, Long.MAX_VALUE),
                whole(field(view, "span", "view"), "view.span", 1, Long.MAX_VALUE),
                bool(view, "following", "view"),
                (int) whole(field(view, "histogram_channel", "view"), "view.histogram_channel", -1, 63),
                bool(view, "over_time", "view"), picked, text(view, "banner", "view"),
                bool(view, "banner_is_error", "view"), text(view, "preset", "view"));
        JsonNode consoleNode = field(root, "console", "");
        if (!consoleNode.isArray()) {
            throw new IOException("console: expected a list of entries");
        }
        List<ConsoleLog.Entry> console = new ArrayList<>();
        for (int i = 0; i < consoleNode.size(); i++) {
            String path = "console[" + i + "]";
            JsonNode e = consoleNode.get(i);
            unknown(e, path, CONSOLE);
            String kind = text(e, "kind", path);
            ConsoleLog.Kind k;
            try {
                k = ConsoleLog.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IOException(path + ".kind: expected \"step\", \"refusal\" or \"notice\", got \"" + kind + "\"");
            }
            console.add(new ConsoleLog.Entry(i + 1, k, text(e, "text", path)));
        }
        return new Settings(preset, whole(field(state, "step", "state"), "state.step", 0, Long.MAX_VALUE),
                bool(state, "outlier_next", "state"), histogramChannels, optionalText(state, "refusal", "state"),
                whole(field(state, "refusal_id", "state"), "state.refusal_id", 0, Long.MAX_VALUE),
                optionalText(state, "notice", "state"),
                whole(field(state, "notice_id", "state"), "state.notice_id", 0, Long.MAX_VALUE), v, console);
    }

    private static void unknown(JsonNode node, String path, List<String> known) throws IOException {
        if (!node.isObject()) {
            throw new IOException((path.isEmpty() ? SETTINGS : path) + ": expected an object");
        }
        String bad = JsonPaths.firstUnknownField(node, known);
        if (bad != null) {
            String near = JsonPaths.nearest(bad, known);
            throw new IOException(JsonPaths.child(path, bad) + ": unknown field"
                    + (near == null ? "" : " (did you mean \"" + near + "\"?)"));
        }
    }

    private static JsonNode field(JsonNode parent, String name, String path) throws IOException {
        JsonNode v = parent.get(name);
        if (v == null) {
            throw new IOException(JsonPaths.child(path, name) + ": missing");
        }
        return v;
    }

    private static String text(JsonNode parent, String name, String path) throws IOException {
        JsonNode v = field(parent, name, path);
        if (!v.isTextual()) {
            throw new IOException(JsonPaths.child(path, name) + ": expected a string");
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode parent, String name, String path) throws IOException {
        JsonNode v = field(parent, name, path);
        return v.isNull() ? null : text(parent, name, path);
    }

    private static boolean bool(JsonNode parent, String name, String path) throws IOException {
        JsonNode v = field(parent, name, path);
        if (!v.isBoolean()) {
            throw new IOException(JsonPaths.child(path, name) + ": expected true or false");
        }
        return v.booleanValue();
    }

    private static long whole(JsonNode v, String path, long min, long max) throws IOException {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new IOException(path + ": expected a whole number from " + min + " to " + max);
        }
        return v.longValue();
    }

    /** {@code in}, failing once more than {@code max} bytes come out of it (a zip may say less than it unpacks to). */
    private static InputStream capped(InputStream in, long max) {
        return new FilterInputStream(in) {
            private long total;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++total > max) {
                    throw tooBig();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (total += n) > max) {
                    throw tooBig();
                }
                return n;
            }

            private IOException tooBig() {
                return new IOException("the file is damaged (a part unpacks to more than " + (max >> 20) + " MB)");
            }
        };
    }

    private static String oneLine(Path target, IOException e) {
        String m = e.getMessage();
        return m != null && m.startsWith("cannot write") ? m : "cannot write " + target + ": " + m;
    }
}
