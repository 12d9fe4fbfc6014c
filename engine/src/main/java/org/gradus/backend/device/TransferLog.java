package org.gradus.backend.device;

import org.gradus.tensor.NDArray;

/** Counts the transfers of one call as they happen. */
final class TransferLog {
    private TransferCount count = TransferCount.NONE;

    void upload(NDArray host, boolean resident) {
        count = count.upload((long) host.size() * host.dtype().byteSize(), resident);
    }

    void download(NDArray host) {
        count = count.download((long) host.size() * host.dtype().byteSize());
    }

    TransferCount count() {
        return count;
    }
}
