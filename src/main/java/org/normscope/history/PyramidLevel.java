package org.normscope.history;

/**
 * One level's step bookkeeping, shared by all series: closed bucket {@code k}
 * ({@code 0 ≤ k < count}, oldest first) covers {@code [firstStep + k·width, firstStep +
 * (k+1)·width - 1]} and lives in ring slot {@code (head + k) % B}; the open bucket follows
 * with {@code openSteps} steps.
 */
final class PyramidLevel {
    long width;
    long firstStep = 1;
    int head;
    int count;
    long openSteps;
    final int ringSize;
    final BucketCells[] cells; // by series, null while the series is lazy

    PyramidLevel(long width, int series, int ringSize) {
        this.width = width;
        this.ringSize = ringSize;
        this.cells = new BucketCells[series];
    }

    int slot(int k) {
        return (head + k) % ringSize;
    }

    long openFirst() {
        return firstStep + count * width;
    }
}
