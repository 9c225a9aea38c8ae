package dev.asynckatas.timeouts;

/**
 * The label under the user-name field ({@code usernameStatus} in the question, a {@code UILabel}): it shows one line
 * of text. Like all UI, it must be used on the main thread only.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public interface UsernameStatus {

    /** Shows {@code text} in the label, replacing what was there. Main thread only. */
    void show(String text);
}
