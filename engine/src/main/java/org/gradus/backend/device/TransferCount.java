package org.gradus.backend.device;

/**
 * The copies between host and device in one call: uploads and downloads with their bytes, and how
 * many of the uploads were shared variables or constants put on the device for the first time.
 */
public record TransferCount(int uploads, long uploadedBytes, int downloads, long downloadedBytes,
                            int firstResidentUploads) {

    /** No transfers. */
    public static final TransferCount NONE = new TransferCount(0, 0, 0, 0, 0);

    /** Uploads made for this call only (excluding shared variables and constants placed once). */
    public int perCallUploads() {
        return uploads - firstResidentUploads;
    }

    TransferCount upload(long bytes, boolean resident) {
        return new TransferCount(uploads + 1, uploadedBytes + bytes, downloads, downloadedBytes,
                firstResidentUploads + (resident ? 1 : 0));
    }

    TransferCount download(long bytes) {
        return new TransferCount(uploads, uploadedBytes, downloads + 1, downloadedBytes + bytes, firstResidentUploads);
    }

    @Override
    public String toString() {
        return uploads + " uploads (" + uploadedBytes + " B, " + firstResidentUploads + " of them first placements), "
                + downloads + " downloads (" + downloadedBytes + " B)";
    }
}
