package org.normscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Reads a command's input file ({@code -} for standard input) as UTF-8 text, with one-line errors. */
final class InputFiles {

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
            if ("-".equals(name)) {
                InputStream in = System.in;
                return StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString();
            }
            Path path = Paths.get(name);
            if (Files.isDirectory(path)) {
                throw new BadInput(name + ": is a folder, not a file");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new BadInput(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInput(name + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
