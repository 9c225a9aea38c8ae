package dev.asynckatas.groupwaiting;

/** The bugs of kata 04's broken exercise, in the learner's terms: one sentence each, shared by the tests that catch them. */
final class Bugs {

    static final String DONE_TOO_EARLY = "fires \"done\" as soon as the downloads have started: waiting for the queue's task"
            + " only waits for the loop that starts them, not for the downloads";

    static final String COUNT_READ_TOO_EARLY = "reads the count when \"done\" fires, before any download has finished:"
            + " it reports 0 of N while the files arrive later";

    static final String FAILURES_NOT_RECORDED = "records only the downloads that succeed: the report cannot say which files"
            + " failed, and nothing accounts for a failed download";

    static final String ONE_LIST_FOR_ALL_UPDATES = "keeps the downloaded files in one field of the updater, emptied by each"
            + " update: when two updates overlap, each report counts the other's files or loses its own";

    static final String NO_DONE_WITHOUT_MANIFEST = "when the manifest cannot be fetched or read, \"done\" never fires";

    static final String WAITS_ON_MAIN = "updateAdsAndWait on the main thread waits for completions that are queued on the main"
            + " thread: it deadlocks instead of refusing";

    static final String SERVER_ANSWERS_TOO_EARLY = "updateAdsAndWait returns as soon as the downloads have started, so the"
            + " server's handler answers 0 of N";

    static final String WAITS_FOREVER = "updateAdsAndWait ignores its timeout and waits forever (DISPATCH_TIME_FOREVER):"
            + " one silent server and the handler never answers";

    private Bugs() {
    }
}
