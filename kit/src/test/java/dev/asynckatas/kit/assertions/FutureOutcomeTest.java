package dev.asynckatas.kit.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FutureOutcomeTest {

    @Test
    @DisplayName("a pending future is read as pending, without blocking")
    void pending() {
        assertThat(FutureOutcome.of(new CompletableFuture<>())).isInstanceOf(FutureOutcome.Pending.class);
    }

    @Test
    @DisplayName("a value")
    void value() {
        assertThat(FutureOutcome.of(CompletableFuture.completedFuture("x"))).isEqualTo(new FutureOutcome.Value("x"));
    }

    @Test
    @DisplayName("cancel(), a CancellationException, or one wrapped in a CompletionException: all are a cancel")
    void everyShapeOfACancelIsACancel() {
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);
        CompletableFuture<String> thrown = new CompletableFuture<>();
        thrown.completeExceptionally(new CancellationException("Request cancelled"));
        CompletableFuture<String> wrapped = new CompletableFuture<>();
        wrapped.completeExceptionally(new CompletionException(new CancellationException("Request cancelled")));
        CompletableFuture<String> derived = new CompletableFuture<String>();
        CompletableFuture<Integer> stage = derived.thenApply(String::length);
        derived.cancel(true);

        assertThat(FutureOutcome.of(cancelled).isCancelled()).isTrue();
        assertThat(FutureOutcome.of(thrown).isCancelled()).isTrue();
        assertThat(FutureOutcome.of(wrapped).isCancelled()).isTrue();
        assertThat(FutureOutcome.of(stage).isCancelled()).isTrue();
    }

    @Test
    @DisplayName("a failure is unwrapped to the error the caller cares about; an IOException caused by a cancel is no cancel")
    void failures() {
        CompletableFuture<String> failed = new CompletableFuture<>();
        IOException reset = new IOException("Connection reset");
        failed.completeExceptionally(new CompletionException(reset));
        CompletableFuture<String> ioAfterCancel = new CompletableFuture<>();
        ioAfterCancel.completeExceptionally(new IOException("Request cancelled", new CancellationException()));

        assertThat(FutureOutcome.of(failed)).isEqualTo(new FutureOutcome.Failed(reset));
        assertThat(FutureOutcome.of(ioAfterCancel).isFailed()).as("an error whose cause is a cancel is still shown as an error").isTrue();
    }
}
