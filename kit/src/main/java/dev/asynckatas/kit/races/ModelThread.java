package dev.asynckatas.kit.races;

/**
 * One thread of a {@link RaceCheck}, in the only shape the model checker explores correctly.
 *
 * <ul>
 *   <li>A {@code Thread} subclass that keeps its body and the shared state in its own fields. On JDK 19+ a
 *       {@code new Thread(lambda)} keeps the lambda in {@code Thread.holder}, which Lincheck does not follow: every
 *       object reachable only from there counts as thread-local and its fields are never interleaved.</li>
 *   <li>Started and joined through a {@code Thread}-typed reference ({@link Exploration} does so): Lincheck recognises
 *       {@code start} and {@code join} by their owner class, and a {@code join} called on the subclass's type is a real,
 *       unmanaged wait that hangs the exploration.</li>
 * </ul>
 *
 * This is the one class outside the kit's real face allowed to create a thread (see the architecture rules): each of
 * its runs is scheduled by the model checker, step by step, so it brings no nondeterminism.
 */
final class ModelThread<S> extends Thread {

    private final ThreadBody<? super S> body;
    private final S state;
    private Throwable failure;

    ModelThread(String name, ThreadBody<? super S> body, S state) {
        super(name);
        this.body = body;
        this.state = state;
    }

    @Override
    public void run() {
        try {
            body.run(state);
        } catch (Throwable thrown) {
            failure = thrown; // read by the test thread after join: reported with this thread's name
        }
    }

    /** What the body threw, if anything; read after {@code join}. */
    Throwable failure() {
        return failure;
    }
}
