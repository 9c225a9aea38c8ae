package dev.asynckatas.backgroundtask;

import java.util.Objects;

/** What the customer orders: an article and how many. */
public record Order(String article, int quantity) {

    public Order {
        Objects.requireNonNull(article, "article");
        if (quantity < 1) {
            throw new IllegalArgumentException("order at least one, not " + quantity);
        }
    }

    /** The order as the shop's API expects it. */
    String toJson() {
        return "{\"article\":\"" + article.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"quantity\":" + quantity + "}";
    }
}
