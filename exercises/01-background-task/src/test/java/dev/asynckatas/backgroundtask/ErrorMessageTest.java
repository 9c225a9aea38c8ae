package dev.asynckatas.backgroundtask;

import static dev.asynckatas.backgroundtask.Checkout.confirmedAfter;
import static dev.asynckatas.backgroundtask.Checkout.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.SimulationTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kata 01, what an error says. The kata leaves the wording to you (one sentence for every failure is fine); what it
 * asks is that the customer is told something: an alert with no text says neither that the order failed nor that Try
 * again may help. Times are seconds since the start.
 */
@SimulationTest
class ErrorMessageTest {

    /** Every way an order can end in an error: the shop says no or cannot be understood, the connection drops, the time runs out. */
    static Stream<Arguments> failedOrders() {
        return Stream.of(
                Arguments.of("HTTP 500 in the foreground", Reply.status(500).body("workflow failed").after(seconds(2)), false),
                Arguments.of("HTTP 500 while the customer is away", Reply.status(500).body("workflow failed").after(seconds(2)), true),
                Arguments.of("a connection reset in the foreground", Reply.connectionReset().after(seconds(2)), false),
                Arguments.of("a connection reset while the customer is away", Reply.connectionReset().after(seconds(2)), true),
                Arguments.of("an answer cut short", confirmedAfter(seconds(2)).cutShortAfter(10), false),
                Arguments.of("an unreadable answer", Reply.status(200).body("<html>gateway</html>").after(seconds(2)), false),
                Arguments.of("the background time running out (the shop needs 60 s)", confirmedAfter(seconds(60)), true));
    }

    @ParameterizedTest(name = "{0}: every error shown says something")
    @MethodSource("failedOrders")
    void everyErrorSaysSomething(String story, Reply reply, boolean leaves, SimPlatform platform) {
        Checkout checkout = new Checkout(platform).shopAnswers(reply);

        checkout.tapPlaceOrder();
        if (leaves) {
            checkout.leaveAt(1);
            checkout.comeBackAt(40);
        }
        checkout.at(70);

        assertThat(checkout.navigator.errors()).as("the errors shown after " + story + ": each must tell the customer something"
                + " (that the order was not placed, that they may try again), never an empty alert")
                .allSatisfy(error -> assertThat(error.what()).as("the text of " + error).isNotBlank());
    }
}
