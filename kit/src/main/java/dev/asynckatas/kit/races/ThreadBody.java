package dev.asynckatas.kit.races;

/**
 * What one thread of a {@link RaceCheck} does with the shared state, for example {@code handle -> handle.cancel()}.
 * It may throw: the check then fails and names the thread.
 *
 * @param <S> the shared state every thread of the check works on
 */
@FunctionalInterface
public interface ThreadBody<S> {

    void run(S state) throws Exception;
}
