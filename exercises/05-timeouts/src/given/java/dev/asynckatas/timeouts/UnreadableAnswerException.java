package dev.asynckatas.timeouts;

/**
 * The server answered, but not with an answer about the name that was asked: an HTTP error status, a body that is not
 * the expected JSON, or an answer about another name. Not an {@link java.io.IOException}: the connection worked.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class UnreadableAnswerException extends RuntimeException {

    public UnreadableAnswerException(String message) {
        super(message);
    }
}
