package org.normscope.ui.viewmodel;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;
import org.normscope.session.SessionSnapshot;
import org.normscope.sessionfile.SessionView;

/**
 * The window's side of a session file: the view saved with the session (the cursor and range, the
 * charts, the banner, the preset), and that view restored once the opened session's first
 * snapshot is on screen (what the session files need from the window's model).
 */
final class WindowViewState implements SessionFilesViewModel.Host {

    private final SessionRunner runner;
    private final TimeTravelViewModel time;
    private final ChartsViewModel charts;
    private final BannerViewModel banner;
    private final PresetsViewModel presets;
    private final Runnable pauseForNewSetup;
    private final Supplier<SessionSnapshot> shown;
    private SessionView pendingView;
    private long pendingVersion;
    private String pendingBanner;

    /**
     * @param pauseForNewSetup pauses Play and drops a pending prediction
     * @param shown            the snapshot on screen (null before the first)
     */
    WindowViewState(SessionRunner runner, TimeTravelViewModel time, ChartsViewModel charts, BannerViewModel banner,
                    PresetsViewModel presets, Runnable pauseForNewSetup, Supplier<SessionSnapshot> shown) {
        this.runner = runner;
        this.time = time;
        this.charts = charts;
        this.banner = banner;
        this.presets = presets;
        this.pauseForNewSetup = pauseForNewSetup;
        this.shown = shown;
    }

    @Override
    public <T> CompletableFuture<T> call(Function<Session, T> query) {
        return runner.call(query);
    }

    @Override
    public SessionView view() {
        return new SessionView(time.cursorProperty().get(), time.fromProperty().get(), time.toProperty().get(),
                time.spanProperty().get(), time.followingProperty().get(), charts.histogramChannelProperty().get(),
                charts.overTimeProperty().get(), charts.picked().getValue(), banner.textProperty().get(),
                banner.errorProperty().get(), presets.name());
    }

    @Override
    public void beforeReplace() {
        pauseForNewSetup.run();
    }

    @Override
    public void replaced(SessionView view, long version) {
        pendingView = view;
        pendingVersion = version;
        SessionSnapshot s = shown.get();
        if (s != null && s.version() >= version) {
            showPendingView(s);
        }
    }

    @Override
    public void say(String text, boolean error) {
        if (pendingView != null && !error) {
            pendingBanner = text; // shown with the opened session, whose first snapshot would clear it
            return;
        }
        if (error) {
            banner.warn(text); // stays until the next step, as the window's other errors do
        } else {
            banner.tell(text);
        }
    }

    /** The window shows {@code s}: if it is the opened session's, its view comes back. */
    void shown(SessionSnapshot s) {
        if (pendingView != null && s.version() >= pendingVersion) {
            showPendingView(s);
        }
    }

    private void showPendingView(SessionSnapshot s) {
        SessionView v = pendingView;
        pendingView = null;
        charts.show(v.histogramChannel(), v.overTime(), v.picked());
        presets.showOpened(v.preset()); // the preset the session started from, if it is still there; else none
        time.show(v.from(), v.to(), v.span(), v.following(), v.cursor());
        time.read(s.history());
        banner.restore(v.banner(), v.bannerIsError(), s, pendingBanner);
        pendingBanner = null;
    }
}
