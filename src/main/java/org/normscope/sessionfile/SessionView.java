package org.normscope.sessionfile;

import java.util.List;

/**
 * How the window looked at a session when it was saved: the range of steps in view, the
 * cursor, and which channels the charts show. Plain data: the window reads and applies it.
 *
 * @param cursor the step the cursor is on (0: none)
 * @param from the first step in view
 * @param to the last step in view
 * @param span the span kept while following ({@code Long.MAX_VALUE}: every step)
 * @param following whether the range follows the newest steps
 * @param histogramChannel the channel whose histograms are shown (-1: the first channels side by side)
 * @param overTime whether the right-hand charts show the distributions over time
 * @param picked the channels drawn as curves when there are too many to draw all
 * @param banner what the banner said ("" when it was hidden)
 * @param bannerIsError whether the banner showed a refusal
 * @param preset the name of the preset the session was started from ("" for none)
 */
public record SessionView(long cursor, long from, long to, long span, boolean following, int histogramChannel,
                          boolean overTime, List<Integer> picked, String banner, boolean bannerIsError,
                          String preset) {

    /** The view of a window that was just opened: following every step, no cursor, no banner. */
    public static final SessionView DEFAULT = new SessionView(0, 1, 1, Long.MAX_VALUE, true, -1, false,
            List.of(0, 1, 2, 3), "", false, "");

    public SessionView {
        picked = List.copyOf(picked);
        banner = banner == null ? "" : banner;
        preset = preset == null ? "" : preset;
    }

    /** This view, started from the preset named {@code name}. */
    public SessionView withPreset(String name) {
        return new SessionView(cursor, from, to, span, following, histogramChannel, overTime, picked, banner,
                bannerIsError, name);
    }
}
