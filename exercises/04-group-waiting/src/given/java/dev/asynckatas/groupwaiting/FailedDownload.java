package dev.asynckatas.groupwaiting;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A file that was not downloaded, and why, in a sentence fit for a log or the server's answer. */
public record FailedDownload(String name, String reason) {

    public FailedDownload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    /** The file {@code name} failed with {@code failure}, however many completion wrappers surround it. */
    public static FailedDownload of(String name, Throwable failure) {
        return new FailedDownload(name, reasonOf(failure));
    }

    /** The innermost meaningful message of a failure. */
    public static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public String toString() {
        return name + " (" + reason + ")";
    }
}
