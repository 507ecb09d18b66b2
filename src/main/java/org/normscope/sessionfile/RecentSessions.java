package org.normscope.sessionfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.normscope.files.AtomicWrite;

/**
 * The sessions opened or saved last, newest first, at most {@value #MAX}: one absolute path a
 * line in a text file of the user's data folder, written atomically. A list that cannot be read
 * is an empty one (it is a convenience, never a reason to refuse to start).
 */
public final class RecentSessions {

    /** The most files remembered. */
    public static final int MAX = 10;

    private final Path store;

    /** @param store the file that keeps the list */
    public RecentSessions(Path store) {
        this.store = store;
    }

    /** The list as it was kept (files since deleted included: the menu says so when one is chosen). */
    public List<Path> load() {
        List<Path> out = new ArrayList<>();
        try {
            if (!Files.isRegularFile(store) || Files.size(store) > 1 << 20) {
                return out;
            }
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && out.size() < MAX) {
                    try {
                        out.add(Path.of(line.strip()));
                    } catch (InvalidPathException e) {
                        // a line no file system here can name: skipped
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Puts {@code file} first (once), keeps at most {@value #MAX}, writes the list; returns it. */
    public List<Path> add(Path file) throws IOException {
        List<Path> list = new ArrayList<>(load());
        Path absolute = file.toAbsolutePath().normalize();
        list.remove(absolute);
        list.add(0, absolute);
        if (list.size() > MAX) {
            list.subList(MAX, list.size()).clear();
        }
        Files.createDirectories(store.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder();
        for (Path p : list) {
            text.append(p).append('\n');
        }
        AtomicWrite.text(store, text.toString());
        return List.copyOf(list);
    }
}
