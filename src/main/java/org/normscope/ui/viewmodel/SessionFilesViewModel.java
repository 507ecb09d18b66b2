package org.normscope.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.files.UserDirs;
import org.normscope.session.Session;
import org.normscope.session.SessionState;
import org.normscope.sessionfile.RecentSessions;
import org.normscope.sessionfile.SessionFile;
import org.normscope.sessionfile.SessionFileException;
import org.normscope.sessionfile.SessionView;

/**
 * Sessions as files: File → New, Open…, Open recent, Save and Save as…, dropping a file on the
 * window, and the autosave.
 *
 * <p>The session's state is taken on the session's thread (with a copy of its history, a few
 * milliseconds), then written on the {@code files} executor, so that neither the window nor the
 * steps wait for the disk. Opening reads and checks the whole file first, on that executor;
 * only a file that opened completely replaces the session (in one command on its thread), so a
 * refused file changes nothing. Every refusal is one line in the banner.
 *
 * <p><b>Autosave.</b> {@link #autosave()} (every {@value #AUTOSAVE_SECONDS} s, from the window)
 * writes the session to {@link #autosaveFile()} if it changed since; a clean exit deletes that
 * file. A file found there at start is what a crashed (or killed) NormScope left: the window
 * offers to restore it.
 */
public final class SessionFilesViewModel {

    /** The ending of a session file's name ({@value SessionFile#EXTENSION}), for the file choosers. */
    public static final String EXTENSION = SessionFile.EXTENSION;

    /** Seconds between autosaves. */
    public static final int AUTOSAVE_SECONDS = 30;

    /** What this view model needs from the window's model. */
    public interface Host {
        /** Runs {@code query} on the session's thread. */
        <T> CompletableFuture<T> call(Function<Session, T> query);

        /** How the window shows the session now (FX thread). */
        SessionView view();

        /** Stops what would act on the session about to be replaced (playing, a prediction). */
        void beforeReplace();

        /** The session is replaced: show {@code view} once the snapshot of version {@code version} is on screen. */
        void replaced(SessionView view, long version);

        /** A one-line message (FX thread); {@code error} for a refusal. */
        void say(String text, boolean error);
    }

    private final Host host;
    private final Executor files;
    private final Consumer<Runnable> fx;
    private final RecentSessions recentStore;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private final Supplier<Long> version;
    private long autosavedVersion = -1;
    private boolean autosaving;
    private volatile boolean closed;

    /**
     * @param host the window's model
     * @param version the session's version now (grows with every change and step)
     * @param files where files are read and written
     * @param fx runs a task on the FX thread
     * @param recentStore where the recent files are kept
     */
    public SessionFilesViewModel(Host host, Supplier<Long> version, Executor files, Consumer<Runnable> fx,
                                 RecentSessions recentStore) {
        this.host = host;
        this.version = version;
        this.files = files;
        this.fx = fx;
        this.recentStore = recentStore;
        recent.setAll(recentStore.load());
    }

    /**
     * The window's: files on a thread of their own, the recent list in the user's data folder.
     *
     * @param fx queues a task for the FX thread (the window's model runs them at its next frame)
     */
    public static SessionFilesViewModel forWindow(Host host, Supplier<Long> version, Consumer<Runnable> fx) {
        Executor files = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "normscope-files");
            t.setDaemon(true);
            return t;
        });
        return new SessionFilesViewModel(host, version, files, fx,
                new RecentSessions(UserDirs.data().resolve("recent-sessions.txt")));
    }

    /** Where the autosave goes. */
    public static Path autosaveFile() {
        return UserDirs.data().resolve("autosave" + SessionFile.EXTENSION);
    }

    // ---- saving -----------------------------------------------------------------------------------

    /** Saves to the session's file; false if it has none yet (then the window asks: Save as…). */
    public boolean save() {
        if (file.get() == null) {
            return false;
        }
        saveAs(file.get());
        return true;
    }

    /** Saves to {@code target} (a {@value SessionFile#EXTENSION} name is added if it has none), which becomes the session's file. */
    public CompletableFuture<Boolean> saveAs(Path target) {
        Path to = withExtension(target);
        SessionView view = host.view();
        return host.call(Session::state).thenApply(SessionState::detached)
                .thenApplyAsync(state -> {
                    try {
                        SessionFile.save(to, new SessionFile.Saved(state, view));
                        return (String) null;
                    } catch (SessionFileException e) {
                        return e.getMessage();
                    }
                }, files)
                .thenApply(problem -> {
                    fx.accept(() -> {
                        if (problem != null) {
                            host.say(UiText.get("session.save.failed", problem), true);
                        } else {
                            file.set(to);
                            remember(to);
                            host.say(UiText.get("session.saved", to.getFileName().toString()), false);
                        }
                    });
                    return problem == null;
                });
    }

    /**
     * Writes the autosave if the session changed since the last one (and none is being written).
     *
     * @return the write, or null if there was nothing to do
     */
    public CompletableFuture<Void> autosave() {
        long now = version.get();
        if (closed || autosaving || now == autosavedVersion) {
            return null;
        }
        autosaving = true;
        Path target = autosaveFile();
        SessionView view = host.view();
        return host.call(s -> new Object[] {s.state().detached(), s.version()})
                .thenAcceptAsync(pair -> {
                    if (closed) {
                        return; // the window closed while the state was taken
                    }
                    try {
                        Files.createDirectories(target.getParent());
                        SessionFile.save(target, new SessionFile.Saved((SessionState) pair[0], view));
                    } catch (IOException | SessionFileException e) {
                        System.err.println("normscope: the autosave failed: " + e.getMessage());
                    }
                    long saved = (Long) pair[1];
                    fx.accept(() -> {
                        autosavedVersion = saved;
                        autosaving = false;
                    });
                }, files);
    }

    /**
     * A clean exit: no autosave is started from now on, and the autosave file is deleted after
     * any write still under way (on the files thread, waiting at most a few seconds), so that
     * a write finishing late cannot leave a file that the next start would offer to restore.
     */
    public void closeAndDiscardAutosave() {
        closed = true;
        CompletableFuture<Void> deleted = CompletableFuture.runAsync(SessionFilesViewModel::discardAutosave, files);
        try {
            deleted.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            discardAutosave(); // the files thread is stuck on a write: delete what is there now
        }
    }

    /** Deletes the autosave file: the autosave is not needed to restore anything. */
    public static void discardAutosave() {
        try {
            Files.deleteIfExists(autosaveFile());
        } catch (IOException e) {
            // it will be offered at the next start; nothing is lost
        }
    }

    /** Whether a NormScope that did not exit cleanly left an autosave to restore. */
    public static boolean autosaveLeft() {
        return Files.isRegularFile(autosaveFile());
    }

    // ---- opening ----------------------------------------------------------------------------------

    /** Opens {@code source}; on success it becomes the session's file and the first recent one. */
    public CompletableFuture<Boolean> open(Path source) {
        return open(source, true, true);
    }

    /** Opens {@code source} with nothing said in the banner: the window exactly as saved (for a picture of it). */
    public CompletableFuture<Boolean> openQuietly(Path source) {
        return open(source, true, false);
    }

    /** Restores the autosave (it stays the file of no one: Save then asks for a name). */
    public CompletableFuture<Boolean> restoreAutosave() {
        return open(autosaveFile(), false, true);
    }

    private CompletableFuture<Boolean> open(Path source, boolean becomesFile, boolean announce) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SessionFile.open(source);
            } catch (SessionFileException e) {
                throw new CompletionException(e);
            }
        }, files).thenCompose(saved -> {
            CompletableFuture<Long> done = new CompletableFuture<>();
            fx.accept(() -> {
                host.beforeReplace();
                host.call(s -> {
                    s.open(saved.state());
                    return s.version();
                }).whenComplete((v, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(v);
                    }
                });
            });
            return done.thenApply(v -> {
                fx.accept(() -> {
                    host.replaced(saved.view(), v);
                    file.set(becomesFile ? source : null);
                    if (becomesFile && announce) {
                        remember(source);
                    }
                    if (announce) {
                        host.say(UiText.get("session.opened", source.getFileName().toString()), false);
                    }
                });
                return true;
            });
        }).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String line = cause instanceof SessionFileException ? cause.getMessage()
                    : source + ": the file is damaged (" + cause.getMessage() + ")";
            fx.accept(() -> host.say(UiText.get("session.open.failed", line), true));
            return false;
        });
    }

    /**
     * The file the window was started with ({@code normscope x.normscope}, or a double-click on
     * it), once the autosave offer (if any) is answered: opened; or, if the autosave was
     * restored, not opened (that would replace the restored session) but put first in Open
     * recent and named in the banner. Nothing to do for null.
     */
    public void openAtStart(Path startFile, boolean autosaveRestored) {
        if (startFile == null) {
            return;
        }
        if (autosaveRestored) {
            remember(startFile);
            host.say(UiText.get("session.kept_for_later", startFile.getFileName().toString()), false);
        } else {
            open(startFile);
        }
    }

    /** A new session: the file is forgotten (the window loads the first preset). */
    public void forgetFile() {
        file.set(null);
    }

    private void remember(Path p) {
        try {
            recent.setAll(recentStore.add(p));
        } catch (IOException e) {
            recent.setAll(recentStore.load()); // the list could not be kept: the session itself was
        }
    }

    static Path withExtension(Path target) {
        String name = target.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(SessionFile.EXTENSION) ? target
                : target.resolveSibling(name + SessionFile.EXTENSION);
    }

    // ---- state ------------------------------------------------------------------------------------

    /** The file the session was last opened from or saved to; null for a new one. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The recent files, newest first. */
    public ObservableList<Path> recent() {
        return recentView;
    }

    /** The recent files now (a copy). */
    public List<Path> recentNow() {
        return List.copyOf(recent);
    }
}
