package dev.asynckatas.backgroundtask;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's API client, as the asker had it: it posts the order with the customer's token and turns the
 * answer into a confirmation or an error. The order workflow behind {@code POST /orders} takes a few seconds.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class OrdersApi {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI shop;
    private final Supplier<String> credentials;

    /**
     * @param http        the JDK's HTTP client (the simulated one in tests)
     * @param shop        the shop's base address
     * @param credentials the credential store: gives the customer's API token (the Keychain of the original)
     */
    public OrdersApi(HttpClient http, URI shop, Supplier<String> credentials) {
        this.http = http;
        this.shop = shop;
        this.credentials = credentials;
    }

    /**
     * Posts the order. The future completes on the HTTP client's thread with the confirmation, or fails with
     * an {@link OrderFailedException} (the shop said no, or said something unreadable) or an
     * {@code IOException} (no connection). {@code cancel(true)} on it aborts the request.
     */
    public CompletableFuture<OrderConfirmation> placeOrder(Order order) {
        HttpRequest request = HttpRequest.newBuilder(shop.resolve("/orders"))
                .header("Authorization", "Bearer " + credentials.get())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(order.toJson()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(OrdersApi::confirmation);
    }

    private static OrderConfirmation confirmation(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new CompletionException(new OrderFailedException("The shop could not take the order (HTTP " + status + ")."));
        }
        Matcher id = ORDER_ID.matcher(response.body() == null ? "" : response.body());
        if (!id.find()) {
            throw new CompletionException(new OrderFailedException("The shop's answer could not be read."));
        }
        return new OrderConfirmation(id.group(1));
    }
}
