package dev.asynckatas.backgroundtask;

/** The bugs of kata 01's broken exercise, in the learner's terms: one sentence each, shared by the tests that catch them. */
final class Bugs {

    static final String BEGINS_TOO_LATE = "begins the background task later, on a background queue: if the user leaves first,"
            + " the app is suspended";

    static final String NEVER_ENDS_THE_TASK = "never ends the background task when the request finishes: it relies on the"
            + " expiration handler";

    static final String EXPIRATION_ONLY_RESETS_THE_ID = "the expiration handler only resets the stored id: the task stays open,"
            + " the app is killed, the request runs on";

    static final String NAVIGATES_OFF_MAIN = "navigates from the network's thread instead of the main thread";

    static final String NAVIGATES_IN_THE_BACKGROUND = "navigates while the app is in the background instead of when the user"
            + " comes back";

    static final String ERRORS_LEAVE_THE_TASK_OPEN = "on an error, never ends the background task and shows the error off the"
            + " main thread";

    static final String SECOND_TAP_LEAKS_A_TASK = "a second tap begins a second task and overwrites the stored id, so the"
            + " first one leaks";

    static final String STORED_ID_RACES = "keeps the task id in a plain field that the background queue writes and the"
            + " expiration handler resets on main while the answer arrives on the HTTP client's thread, with nothing ordering"
            + " them: on real threads the task is not ended exactly once";

    private Bugs() {
    }
}
