package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's helper thread: one job at a time, jobs taken back or waited for, failures handed to the caller. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpinningHelperTest {

    @Test
    void aJobRunsOnTheHelperThreadAndFinishWaitsForIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        String[] thread = new String[1];
        SpinningHelper.Job job = new SpinningHelper.Job() {
            @Override
            protected void work() {
                thread[0] = Thread.currentThread().getName();
                started.countDown();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                runs.incrementAndGet();
            }
        };
        offerUntilTaken(job);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        job.finish(); // the helper is running it: finish waits
        assertThat(runs.get()).isEqualTo(1);
        assertThat(thread[0]).isEqualTo("normscope-engine-helper");
    }

    @Test
    void aSecondJobIsRefusedWhileTheHelperIsBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SpinningHelper.Job busy = new SpinningHelper.Job() {
            @Override
            protected void work() {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AtomicInteger otherRuns = new AtomicInteger();
        SpinningHelper.Job other = new SpinningHelper.Job() {
            @Override
            protected void work() {
                otherRuns.incrementAndGet();
            }
        };
        offerUntilTaken(busy);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(SpinningHelper.offer(other)).as("the helper is busy: the caller works alone").isFalse();
        release.countDown();
        busy.finish();
        assertThat(otherRuns.get()).isZero();
    }

    @Test
    void aJobNotStartedYetIsTakenBackAndNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SpinningHelper.Job busy = new SpinningHelper.Job() {
            @Override
            protected void work() {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        offerUntilTaken(busy);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        busy.finish();

        // offered, then taken back at once: if the helper had not claimed it, it must never run
        AtomicInteger runs = new AtomicInteger();
        SpinningHelper.Job job = new SpinningHelper.Job() {
            @Override
            protected void work() {
                runs.incrementAndGet();
            }
        };
        for (int i = 0; i < 1000; i++) {
            if (SpinningHelper.offer(job)) {
                int before = runs.get();
                job.finish();
                int after = runs.get();
                helperMovesOn(); // the helper has let go of the job: a late run would have come before this
                assertThat(runs.get()).as("no run after finish returned").isEqualTo(after);
                assertThat(after - before).isBetween(0, 1);
            }
        }
    }

    @Test
    void whatTheHelperThrowsIsRethrownByTheCallerAndTheHelperCarriesOn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        SpinningHelper.Job failing = new SpinningHelper.Job() {
            @Override
            protected void work() {
                started.countDown();
                throw new IllegalStateException("boom");
            }
        };
        offerUntilTaken(failing);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(failing::finish).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        failing.finish(); // rethrown once only

        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        SpinningHelper.Job next = new SpinningHelper.Job() {
            @Override
            protected void work() {
                runs.incrementAndGet();
                ran.countDown();
            }
        };
        offerUntilTaken(next);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        next.finish();
        assertThat(runs.get()).isEqualTo(1);
    }

    /** Has the helper run another job, to its end: it takes jobs one after the other, so it is done with any before. */
    private static void helperMovesOn() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        SpinningHelper.Job probe = new SpinningHelper.Job() {
            @Override
            protected void work() {
                ran.countDown();
            }
        };
        offerUntilTaken(probe);
        assertThat(ran.await(30, TimeUnit.SECONDS)).as("the helper ran the next job").isTrue();
        probe.finish();
    }

    /** Offers until the helper takes the job (it may still be clearing another test's). */
    private static void offerUntilTaken(SpinningHelper.Job job) {
        while (!SpinningHelper.offer(job)) {
            Thread.onSpinWait();
        }
    }
}
