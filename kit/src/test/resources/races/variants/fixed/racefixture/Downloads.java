package racefixture;

/** The variant under test (the "solution"): the same class, counting under a lock. */
public final class Downloads {
    private int finished;

    public synchronized void finished() {
        finished++;
    }

    public synchronized int count() {
        return finished;
    }
}
