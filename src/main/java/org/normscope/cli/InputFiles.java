package org.normscope.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a command's input file ({@code -} for standard input) as UTF-8 text, with one-line errors.
 * Only a regular file is read (a folder, a device or a pipe is refused by its type before any
 * read, so a FIFO cannot hang the command), and none over {@link #MAX_BYTES}: a file's size is
 * checked before it is read, standard input stops being read once past the cap.
 */
final class InputFiles {

    /** The most bytes an input may have: 256 MB, far above any scenario or tensor worth reading. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private InputFiles() {
    }

    /** A problem with a command's input that ends the command with exit code 2. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    static String read(String name) throws BadInput {
        String text = readRaw(name);
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte-order mark is not JSON, but harmless
    }

    private static String readRaw(String name) throws BadInput {
        try {
            byte[] bytes = "-".equals(name) ? readCapped(name, System.in) : readFile(name);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new BadInput(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new BadInput(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInput(name + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static byte[] readFile(String name) throws BadInput, IOException {
        Path path;
        try {
            path = Paths.get(name);
        } catch (InvalidPathException e) {
            throw new BadInput(name + ": not a file name (" + e.getReason() + ")");
        }
        // the type, from the file's attributes (a symlink followed): opening a FIFO would block
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new BadInput(name + ": is a folder, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new BadInput(name + ": is not a regular file (a device, a pipe or a socket); only files are read");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new BadInput(name + ": " + size(attributes.size()) + ", over the " + size(MAX_BYTES)
                    + " an input may have");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readCapped(name, in); // the file may have grown since
        }
    }

    /** All of {@code in}, refused as soon as it is past the cap. */
    private static byte[] readCapped(String name, InputStream in) throws BadInput, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > MAX_BYTES) {
                throw new BadInput(name + ": over the " + size(MAX_BYTES) + " an input may have");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** {@code 3.0 GB}, {@code 256 MB}, {@code 12 KB}, {@code 7 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return bytes % (1L << 20) == 0 ? bytes / (1L << 20) + " MB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
