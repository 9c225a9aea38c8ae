package dev.asynckatas.asynccancellation;

import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * The gallery's network layer as it was before futures, shaped like the question's {@code HTTPClient}
 * protocol: start a request, get its result in a callback, keep a handle to cancel it.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public interface CallbackHttpClient {

    /**
     * Sends {@code request} and returns at once.
     *
     * @param completion called exactly once, on the client's thread, with the response (whatever its HTTP
     *                   status) or the failure; when the client cannot send the request at all it may be called
     *                   before {@code dispatch} returns
     * @return the running request, to cancel it
     */
    HttpClientTask dispatch(HttpRequest request, Consumer<Result> completion);
}
