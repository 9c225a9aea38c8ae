package dev.asynckatas.asynccancellation;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's answer to one request: its status and its body (an image's bytes).
 *
 * <p>Given by the kata: you do not need to change it.
 */
public record Response(URI uri, int statusCode, byte[] body) {

    public Response {
        Objects.requireNonNull(uri, "uri");
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Whether the server sent what was asked for (2xx). */
    public boolean isOk() {
        return statusCode >= 200 && statusCode <= 299;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Response that && uri.equals(that.uri) && statusCode == that.statusCode && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, statusCode, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return statusCode + " for " + uri.getPath() + " (" + body.length + " bytes)";
    }
}
