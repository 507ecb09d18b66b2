package org.normscope.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void writesTheTextAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("script.py");
        AtomicWrite.text(target, "print('héllo')\n");
        assertThat(Files.readString(target)).isEqualTo("print('héllo')\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAsItWas() throws IOException {
        Path target = dir.resolve("session.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicWrite.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aNewFileIsReadableByOthersAndAReplacedOneKeepsItsPermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path fresh = dir.resolve("new.py");
        AtomicWrite.text(fresh, "x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-r--r--");
        Path kept = dir.resolve("kept.py");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        AtomicWrite.text(kept, "new");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void aFolderADeviceAndAMissingFolderAreRefusedAndLeftAsTheyAre() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("figures.png"));
        Files.writeString(folder.resolve("inside.txt"), "kept");
        assertThatThrownBy(() -> AtomicWrite.text(folder, "x"))
                .hasMessage("cannot write " + folder + ": it is a folder; it is left as it is");
        assertThat(Files.readString(folder.resolve("inside.txt"))).isEqualTo("kept");

        Path missing = dir.resolve("no/such/folder/x.png");
        assertThatThrownBy(() -> AtomicWrite.text(missing, "x")).hasMessage("cannot write " + missing
                + ": the folder " + missing.getParent() + " does not exist");
        assertThat(dir.resolve("no")).doesNotExist();

        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device));
        assertThatThrownBy(() -> AtomicWrite.text(device, "x")).hasMessage("cannot write /dev/null: it is not a "
                + "regular file (a device, a pipe or a socket); it is left as it is");
        assertThat(Files.isRegularFile(device)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(folder);
        }
    }

    /**
     * Writes {@code args[1]} megabytes of the byte {@code args[2]} to {@code args[0]} (a child process
     * to kill), at the test's pace: each megabyte, and then the new file's taking the old one's place,
     * waits for a line on standard input (or its end); "wrote" follows each megabyte.
     */
    public static void main(String[] args) throws IOException {
        int mb = Integer.parseInt(args[1]);
        byte value = Byte.parseByte(args[2]);
        var go = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        AtomicWrite.write(Path.of(args[0]), out -> {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, value);
            System.out.println("writing");
            System.out.flush();
            for (int i = 0; i < mb; i++) {
                go.readLine();
                out.write(block);
                System.out.println("wrote");
                System.out.flush();
            }
            go.readLine();
        });
        System.out.println("done");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aWriterKilledAtAnyMomentLeavesTheOldFileOrTheWholeNewOne() throws Exception {
        Path target = dir.resolve("session.normscope");
        AtomicWrite.write(target, out -> out.write(new byte[3 << 20])); // the old file: 3 MB of zeros
        String java = System.getProperty("java.home") + "/bin/java";
        // killed before the first megabyte, after some, after the last, and as the new file takes the old one's place
        for (int released : new int[] {0, 1, 3, 5, 8, 9}) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AtomicWriteTest.class.getName(), target.toString(), "8", "7").redirectErrorStream(true).start();
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            var go = new java.io.PrintStream(p.getOutputStream(), true);
            assertThat(lines.readLine()).isEqualTo("writing");
            for (int i = 0; i < released; i++) {
                go.println();
                if (i < 8) {
                    assertThat(lines.readLine()).isEqualTo("wrote"); // then it waits for the next line
                }
            }
            p.destroyForcibly(); // SIGKILL: no finally block runs
            p.waitFor();
            byte[] now = Files.readAllBytes(target);
            boolean old = now.length == 3 << 20 && allEqual(now, (byte) 0);
            boolean fresh = now.length == 8 << 20 && allEqual(now, (byte) 7);
            assertThat(old || fresh).as("killed after %d of 9 steps: %d bytes", released, now.length).isTrue();
        }
        // and one that runs to the end replaces it whole
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AtomicWriteTest.class.getName(), target.toString(), "8", "7").redirectErrorStream(true).start();
        p.getOutputStream().close(); // no waiting
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(p.waitFor()).isZero();
        byte[] now = Files.readAllBytes(target);
        assertThat(now.length).isEqualTo(8 << 20);
        assertThat(allEqual(now, (byte) 7)).isTrue();
    }

    private static boolean allEqual(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b != value) {
                return false;
            }
        }
        return true;
    }
}
