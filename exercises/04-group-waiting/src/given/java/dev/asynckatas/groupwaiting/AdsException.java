package dev.asynckatas.groupwaiting;

import java.io.IOException;

/** The ad server answered, but not with what was asked: an error status, or a manifest that cannot be read. */
public final class AdsException extends IOException {

    public AdsException(String message) {
        super(message);
    }

    public AdsException(String message, Throwable cause) {
        super(message, cause);
    }
}
