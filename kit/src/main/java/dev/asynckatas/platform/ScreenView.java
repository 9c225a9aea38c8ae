package dev.asynckatas.platform;

/**
 * What a {@link Screen} shows: a loading indicator, its content, or an error. UI, so main thread only (Xcode's
 * Main Thread Checker flags a call from any other thread).
 */
public interface ScreenView {

    /** Shows that something is on its way ("Loading…"), replacing what was shown. */
    void showLoading();

    /** Shows {@code content}, replacing what was shown. */
    void show(String content);

    /** Shows an error {@code message}, replacing what was shown. */
    void showError(String message);
}
