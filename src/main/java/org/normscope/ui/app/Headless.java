package org.normscope.ui.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts JavaFX with no display at all: Monocle's headless platform and the software
 * renderer, so that {@code screenshot} runs on a server or in CI. Must run before anything
 * else touches JavaFX.
 */
public final class Headless {

    private static boolean started;

    private Headless() {
    }

    /** Starts the FX platform headless (once per JVM) with a 1920×1200 screen. */
    public static synchronized void start() throws InterruptedException {
        start(1920, 1200);
    }

    /**
     * Starts the FX platform headless (once per JVM) with a screen of at least {@code width ×
     * height}: Monocle copies the whole screen every frame, so it is no larger than needed.
     */
    public static synchronized void start(int width, int height) throws InterruptedException {
        if (started) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        // Monocle's headless screen is 1280x800 unless told otherwise: larger windows would overflow it.
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", Math.max(width, 1280) + "x" + Math.max(height, 800) + "-32");
        }
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            // JavaFX is already up (a test harness, or a window in this JVM): use it as it is.
            started = true;
            return;
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
        Platform.setImplicitExit(false);
        started = true;
    }
}
