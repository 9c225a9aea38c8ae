package dev.asynckatas.groupwaiting;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one ad update achieved: "k of N downloaded", and which failed and why.
 *
 * @param total      how many files the manifest listed (N)
 * @param downloaded the files this update downloaded and saved, complete, in the ad directory (k = its size). Only
 *                   this update's: files an earlier (or an overlapping) update left in the directory are not counted
 * @param failed     the files this update did not download, each with its reason ({@code "manifest"} when the list
 *                   itself failed). Not one of them is put in place later by this update; an older copy of one may
 *                   still be on disk from an earlier update
 */
public record UpdateReport(int total, List<String> downloaded, List<FailedDownload> failed) {

    /** The name under which a failure to get the manifest is reported. */
    public static final String MANIFEST = "manifest";

    public UpdateReport {
        downloaded = List.copyOf(downloaded);
        failed = List.copyOf(failed);
    }

    /** The manifest could not be fetched or read: nothing to download. */
    public static UpdateReport manifestFailed(Throwable failure) {
        return new UpdateReport(0, List.of(), List.of(FailedDownload.of(MANIFEST, failure)));
    }

    /** k: how many files were downloaded. */
    public int count() {
        return downloaded.size();
    }

    /** {@code "2 of 3 downloaded; failed: b.png (HTTP 404)"}. */
    public String summary() {
        return count() + " of " + total + " downloaded"
                + (failed.isEmpty() ? "" : "; failed: " + failed.stream().map(FailedDownload::toString).collect(Collectors.joining(", ")));
    }
}
