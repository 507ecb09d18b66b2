package org.normscope.files;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that nothing is lost if writing fails half-way: the bytes go to a temporary
 * file beside the target, are flushed to the disk ({@code fsync}), and the file is then moved over
 * the target in one step. A reader sees the old file or the new one, never a part of it; a failed
 * write (a full disk, a killed process) leaves the old file as it was.
 *
 * <p>Only regular files are written: a target that exists and is something else (a folder, a
 * device such as {@code /dev/full}, a pipe) is refused and left as it is, and so is a target whose
 * folder does not exist (no folder is created). Each refusal is an {@link IOException} whose
 * message is one sentence naming the file.
 */
public final class AtomicWrite {

    /** Writes the bytes of a file into the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a text file's characters into the writer it is given (UTF-8, buffered). */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicWrite() {
    }

    /** Writes what {@code content} writes to {@code target} as UTF-8, atomically (a CSV, a script). */
    public static void utf8(Path target, TextContent content) throws IOException {
        write(target, bytes -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
            content.writeTo(out);
            out.flush();
        });
    }

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void text(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes what {@code content} produces to {@code target}, atomically. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        check(target, absolute, dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true); // on the disk before it replaces the old file
            }
            keepPermissions(absolute, tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Refuses, before any work, a target that {@link #write} would refuse: one that exists and is
     * not a regular file, or whose folder does not exist.
     */
    public static void checkTarget(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        check(target, absolute, absolute.getParent());
    }

    /**
     * Refuses a target that is not (or cannot become) a regular file in an existing folder; the
     * message names the path as it was given.
     */
    private static void check(Path given, Path target, Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            Path shownDir = given.getParent() != null ? given.getParent() : dir;
            throw new IOException("cannot write " + given + ": the folder " + shownDir + " does not exist");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            String what = Files.isDirectory(target) ? "a folder" : "not a regular file (a device, a pipe or a socket)";
            throw new IOException("cannot write " + given + ": it is " + what + "; it is left as it is");
        }
    }

    /** Makes the move itself durable where the system allows it (not on Windows: a folder cannot be opened there). */
    private static void syncFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file is complete and in place; only its survival of a power cut in the next instant is less sure
        }
    }

    /**
     * A temporary file is readable by its owner only; the file it replaces keeps its own
     * permissions, and a new file gets the usual {@code rw-r--r--}, as any editor would write it.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) {
            return; // not a POSIX file system (Windows): the temporary file already has the usual rights
        }
        Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }
}
