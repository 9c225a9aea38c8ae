package dev.asynckatas.asynccancellation;

import java.io.IOException;
import java.util.Objects;

/**
 * What a dispatched request came to, like Swift's {@code Result<(Data, HTTPURLResponse), Error>}: a response,
 * or the reason there is none.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public sealed interface Result {

    /** The server answered (any HTTP status: a 404 is an answer too). */
    record Success(Response response) implements Result {
        public Success {
            Objects.requireNonNull(response, "response");
        }
    }

    /** No answer: the connection failed, or the request was cancelled ({@code IOException("Request cancelled")}). */
    record Failure(IOException error) implements Result {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }
}
