package org.normscope.preset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.normscope.files.AtomicWrite;
import org.normscope.files.UserDirs;

/**
 * The user's own presets, beside the built-in ones: every {@code *.json} file of one folder
 * ({@link UserDirs#presets()}), in the preset format ({@code resources/presets/README.md}).
 *
 * <p>Files are read as strictly as the built-in presets: a bad one is refused with one line,
 * {@code <file name>: <field path>: <reason>} ({@link PresetFileException}). A preset's name may
 * not be another preset's (a built-in's name or id, or a user preset's), ignoring case, so that
 * the menu never shows two alike. Saving and importing write the preset out in full
 * ({@link PresetJson#toJson}) through {@link AtomicWrite}, under a file name made from the
 * preset's name; the folder is created on the first write, never by reading.
 */
public final class UserPresets {

    /** The most bytes a preset file may have: a preset is a few KB. */
    public static final long MAX_BYTES = 1L << 20;

    /** The longest file name made from a preset's name, before {@code -2} and {@code .json}. */
    static final int MAX_BASE_LENGTH = 60;

    /** File names Windows refuses whatever their extension ({@code con.json} cannot be created there). */
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9");

    /** A user preset and the file it was read from (or written to). */
    public record Entry(Path file, Preset preset) {
    }

    /**
     * What the folder holds: the good presets in the order of their file names, and one line for
     * each file that was skipped ({@code <file name>: <field path>: <reason>}).
     */
    public record Listing(List<Entry> entries, List<String> problems) {

        public Listing {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }

        /** The presets, in the order of {@link #entries()}. */
        public List<Preset> presets() {
            return entries.stream().map(Entry::preset).toList();
        }
    }

    private final Path folder;
    /** The built-in presets' names (English and Chinese) and ids, lower-case. */
    private final Set<String> builtInNames;

    /** The user's presets in {@link UserDirs#presets()}. */
    public UserPresets() {
        this(UserDirs.presets());
    }

    /** The user presets in {@code folder} (which need not exist yet). */
    public UserPresets(Path folder) {
        this.folder = folder;
        this.builtInNames = builtInNames();
    }

    /** The folder the user's presets are kept in (it may not exist yet). */
    public Path folder() {
        return folder;
    }

    /** Whether {@code name} (ignoring case and surrounding blanks) is a built-in preset's name or id. */
    public boolean isBuiltInName(String name) {
        return builtInNames.contains(key(name));
    }

    // ------------------------------------------------------------------------------- listing

    /**
     * Every {@code *.json} file of the folder, sorted by file name, read strictly. A file that
     * does not parse, or whose name another preset has (a built-in, or a user preset of an
     * earlier file), is skipped with one line in {@link Listing#problems()}. Hidden files
     * ({@code .name.json}, such as the temporary files of a write in progress) are ignored. No
     * folder yet is an empty listing.
     */
    public Listing list() {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(folder)) {
            return new Listing(entries, problems);
        }
        if (!Files.isDirectory(folder)) {
            problems.add(folder + ": is not a folder; the user presets are kept in a folder of this name");
            return new Listing(entries, problems);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(UserPresets::isPresetFileName)
                    .sorted(Comparator.comparing((Path p) -> fileName(p).toLowerCase(Locale.ROOT))
                            .thenComparing(UserPresets::fileName))
                    .toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot read the folder (" + e.getMessage() + ")");
            return new Listing(entries, problems);
        }
        Map<String, String> taken = new HashMap<>(); // lower-case name -> the file that has it
        for (Path file : files) {
            Preset p;
            try {
                p = read(file);
            } catch (PresetFileException e) {
                problems.add(e.getMessage());
                continue;
            }
            Clash clash = clash(p, taken);
            if (clash != null) {
                problems.add(fileName(file) + ": " + clash.line());
                continue;
            }
            for (String k : keys(p)) {
                taken.put(k, fileName(file));
            }
            entries.add(new Entry(file, p));
        }
        return new Listing(entries, problems);
    }

    // ------------------------------------------------------------------------------- reading

    /**
     * Reads one preset file, as strictly as the built-in presets are read.
     *
     * @throws PresetFileException one line naming the file, the field and the problem: a file that
     *     is not there, a folder, a device, more than {@link #MAX_BYTES}, not UTF-8, not JSON, not a
     *     preset
     */
    public static Preset read(Path file) throws PresetFileException {
        String name = fileName(file);
        String text = readText(file, name);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark (Windows Notepad) is not JSON, but harmless
        }
        try {
            return PresetJson.parse(text);
        } catch (PresetFormatException e) {
            throw PresetFileException.of(name, e);
        }
    }

    private static String readText(Path file, String name) throws PresetFileException {
        try {
            // the type from the file's attributes (a link followed): opening a pipe would block
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw refused(name, "is a folder, not a preset file");
            }
            if (!attributes.isRegularFile()) {
                throw refused(name, "is not a regular file (a device, a pipe or a socket); only files are read");
            }
            if (attributes.size() > MAX_BYTES) {
                throw refused(name, attributes.size() + " bytes, over the " + MAX_BYTES + " bytes (1 MB) a preset "
                        + "file may have");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = readCapped(name, in); // the file may have grown since
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw refused(name, "no such file");
        } catch (CharacterCodingException e) {
            throw refused(name, "not UTF-8 text");
        } catch (IOException e) {
            throw refused(name, "cannot read it (" + e.getMessage() + ")");
        }
    }

    private static byte[] readCapped(String name, InputStream in) throws IOException, PresetFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > MAX_BYTES) {
                throw refused(name, "over the " + MAX_BYTES + " bytes (1 MB) a preset file may have");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static PresetFileException refused(String file, String problem) {
        return new PresetFileException(file, "", problem, null);
    }

    // ------------------------------------------------------------------------------- writing

    /**
     * Saves {@code preset} into the folder (created if need be) under a new file name made from its
     * name ({@link #baseName}), atomically.
     *
     * @return the file written and the preset
     * @throws IllegalArgumentException if another preset has the name already (see {@link #list()})
     * @throws IOException if the folder cannot be created or the file cannot be written (nothing is
     *     left half-written)
     */
    public Entry save(Preset preset) throws IOException {
        Clash clash = clash(preset, names(list()));
        if (clash != null) {
            throw new IllegalArgumentException(clash.line());
        }
        return write(preset);
    }

    /**
     * Copies a preset file into the folder: it is read as strictly as {@link #read} reads, its
     * name may not be another preset's, and it is written out in full ({@link PresetJson#toJson})
     * under a file name made from its name. A refused file leaves the folder as it was.
     *
     * @return the file written and the preset
     * @throws PresetFileException one line naming the file, the field and the problem
     * @throws IOException if the folder cannot be created or the copy cannot be written
     */
    public Entry importFile(Path file) throws PresetFileException, IOException {
        Preset preset = read(file);
        Clash clash = clash(preset, names(list()));
        if (clash != null) {
            throw new PresetFileException(fileName(file), clash.field(), clash.problem(), null);
        }
        return write(preset);
    }

    private Entry write(Preset preset) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + folder + " for the user presets (" + e.getMessage()
                    + ")", e);
        }
        Path target = folder.resolve(freeFileName(baseName(preset.name())));
        AtomicWrite.text(target, PresetJson.toJson(preset));
        return new Entry(target, preset);
    }

    /**
     * The file name (without {@code .json}) a preset of this name is saved under: lower-case, each
     * run of characters other than ASCII letters and digits one {@code -}, at most
     * {@value #MAX_BASE_LENGTH} characters ({@code "Drifting: m=0.1!"} is {@code drifting-m-0-1});
     * {@code preset} when nothing is left (a name in Chinese), and never a name Windows keeps for
     * its devices ({@code con} becomes {@code con-preset}).
     */
    public static String baseName(String presetName) {
        String base = presetName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        base = base.replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            return "preset";
        }
        return DEVICE_NAMES.contains(base) ? base + "-preset" : base;
    }

    /** {@code base.json}, or {@code base-2.json}, {@code base-3.json}… if the folder has it (in any case). */
    private String freeFileName(String base) throws IOException {
        Set<String> taken = new HashSet<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(p -> taken.add(fileName(p).toLowerCase(Locale.ROOT)));
        }
        String candidate = base + ".json";
        for (int i = 2; taken.contains(candidate) || Files.exists(folder.resolve(candidate), LinkOption.NOFOLLOW_LINKS);
             i++) {
            candidate = base + "-" + i + ".json";
        }
        return candidate;
    }

    // ------------------------------------------------------------------------------- names

    /** A name another preset has: the field ({@code name} or {@code name_zh-CN}) and why. */
    private record Clash(String field, String problem) {
        String line() {
            return field + ": " + problem;
        }
    }

    /** The lower-case names of a listing's presets, each with the file that has it. */
    private static Map<String, String> names(Listing listing) {
        Map<String, String> names = new HashMap<>();
        for (Entry e : listing.entries()) {
            for (String k : keys(e.preset())) {
                names.put(k, fileName(e.file()));
            }
        }
        return names;
    }

    /** Whether a built-in preset or one of {@code taken}'s files has {@code p}'s name or Chinese name; null if none. */
    private Clash clash(Preset p, Map<String, String> taken) {
        String[][] fields = {{"name", p.name()}, {"name_zh-CN", p.nameZhCn()}};
        for (String[] f : fields) {
            if (f[1].isBlank()) {
                continue;
            }
            String k = key(f[1]);
            String shown = "\"" + f[1].strip() + "\"";
            if (builtInNames.contains(k)) {
                return new Clash(f[0], shown + " is already the name of a built-in preset; give this one another name");
            }
            if (taken.containsKey(k)) {
                return new Clash(f[0], shown + " is already the name of one of your presets (" + taken.get(k)
                        + "); give this one another name");
            }
        }
        return null;
    }

    private static List<String> keys(Preset p) {
        return p.nameZhCn().isBlank() ? List.of(key(p.name())) : List.of(key(p.name()), key(p.nameZhCn()));
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** The built-in presets' names, Chinese names and ids; none if they cannot be read (the window opens anyway). */
    private static Set<String> builtInNames() {
        Set<String> names = new HashSet<>();
        try {
            for (Preset p : PresetLibrary.builtIn()) {
                names.addAll(keys(p));
            }
            for (String id : PresetLibrary.ids()) {
                names.add(key(id));
            }
        } catch (RuntimeException e) {
            return Set.of();
        }
        return Set.copyOf(names);
    }

    private static boolean isPresetFileName(Path p) {
        String name = fileName(p);
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }
}
