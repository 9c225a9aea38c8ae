package dev.asynckatas.backgrounddownloads;

import java.net.URI;
import java.nio.file.Path;

/**
 * The podcast app's downloads screen: a row per episode, with its progress, then "downloaded" (tap to play the file)
 * or "failed" (with the reason). UI, so main thread only, like every UIKit view.
 *
 * <p>Given by the kata: you do not need to change it. Each process of the app gets its own screen.
 */
public interface DownloadsView {

    /**
     * The episode is downloading: {@code received} bytes of {@code expected} ({@code -1} when the server did not say).
     */
    void showProgress(URI episode, long received, long expected);

    /** The episode is saved, complete, at {@code file} (a file inside the downloads folder). Once per download. */
    void showDownloaded(URI episode, Path file);

    /** The episode could not be downloaded, and why, in a sentence. Once per download. */
    void showFailed(URI episode, String reason);
}
