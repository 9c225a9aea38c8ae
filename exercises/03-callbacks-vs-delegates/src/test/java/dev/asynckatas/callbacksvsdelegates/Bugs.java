package dev.asynckatas.callbacksvsdelegates;

/** The broken screens' bugs, in one sentence each: what {@code @CatchesBug} tests name. */
final class Bugs {

    static final String FORECAST_NOT_CANCELLED = "closing the forecast screen does not cancel its request: it downloads to"
            + " the end for a screen nobody sees";
    static final String FORECAST_SHOWN_AFTER_CLOSE = "an answer that arrives after the forecast screen was closed is still"
            + " shown on it";
    static final String FORECAST_RETAINED = "a closed forecast screen stays in memory until its request ends: the request's"
            + " callback holds it";
    static final String FORECAST_STALE = "after a refresh, the older answer can still arrive and be shown over the newer one";
    static final String FORECAST_STARTS_AFTER_CLOSE = "the needless hop onto the global executor lets a request start after"
            + " its screen was closed, and nothing cancels it";

    static final String PANEL_OFF_MAIN = "the weather panel updates its view on the downloader's thread, not on the main"
            + " thread";
    static final String PANEL_NOT_CANCELLED = "closing the weather panel does not cancel its download";
    static final String PANEL_SHOWN_AFTER_CLOSE = "a closed weather panel still shows what the downloader reports";
    static final String PANEL_RETAINED = "the app-wide downloader keeps every closed panel in memory: the panel never"
            + " removes its listener";
    static final String PANEL_NOT_ITS_DOWNLOAD = "the panel shows whatever download the app-wide downloader reports: an older"
            + " one after a refresh, or one another panel started";

    private Bugs() {
    }
}
