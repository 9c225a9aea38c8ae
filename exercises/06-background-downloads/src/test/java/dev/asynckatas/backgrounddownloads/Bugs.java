package dev.asynckatas.backgrounddownloads;

/** The bugs of kata 06's broken exercise, in the learner's terms: one sentence each, shared by the tests that catch them. */
final class Bugs {

    static final String LOST_IN_A_NEW_PROCESS = "a download that finishes after the app was terminated is lost: what to do with it"
            + " lived in callbacks given when it started, which died with the process, and the session-level code that runs"
            + " instead cannot save it";

    static final String MOVES_ONTO_THE_FOLDER = "moves the finished file onto the downloads folder itself, as the accepted answer"
            + " does: that always fails (the target exists, and it is a folder), so the download is lost";

    static final String NOTHING_SHOWN_AFTER_A_LAUNCH = "after a launch the screen shows nothing of the downloads still running:"
            + " their progress was a per-download callback of the old process, and the app never asks the session for its tasks";

    static final String HANDLER_NEVER_CALLED = "keeps the system's completion handler nowhere and never calls it: the system"
            + " keeps the app awake until its background time runs out";

    static final String UNSAFE_NAMES = "saves each episode under the name the server or the URL suggests, as it comes:"
            + " ../../x or an absolute path writes outside the downloads folder, two episodes with the same name collide, and a"
            + " name too long for the file system loses the episode";

    static final String HTTP_ERROR_SAVED = "saves the body of an HTTP error (a 404 page) as the episode: for the session a"
            + " response is a finished download, whatever its status";

    private Bugs() {
    }
}
