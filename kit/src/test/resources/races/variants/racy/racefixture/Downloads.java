package racefixture;

/** The variant under test (the "wrong fix"): a counter bumped without a lock. */
public final class Downloads {
    private int finished;

    public void finished() {
        finished++;
    }

    public int count() {
        return finished;
    }
}
