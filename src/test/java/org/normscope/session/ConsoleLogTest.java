package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/** {@link ConsoleLog}: numbered entries, the last {@code capacity} of them. */
class ConsoleLogTest {

    @Test
    void entriesAreNumberedFromOne() {
        ConsoleLog log = new ConsoleLog(10);
        assertThat(log.lastSeq()).isZero();
        assertThat(log.since(0)).isEmpty();

        log.append(ConsoleLog.Kind.NOTICE, "hello");
        log.append(ConsoleLog.Kind.STEP, "step 1\ny = tensor([0.])");
        log.append(ConsoleLog.Kind.REFUSAL, "ValueError: no");

        assertThat(log.lastSeq()).isEqualTo(3);
        assertThat(log.since(0)).containsExactly(
                new ConsoleLog.Entry(1, ConsoleLog.Kind.NOTICE, "hello"),
                new ConsoleLog.Entry(2, ConsoleLog.Kind.STEP, "step 1\ny = tensor([0.])"),
                new ConsoleLog.Entry(3, ConsoleLog.Kind.REFUSAL, "ValueError: no"));
    }

    @Test
    void sinceGivesWhatCameAfter() {
        ConsoleLog log = new ConsoleLog(10);
        for (int i = 1; i <= 5; i++) {
            log.append(ConsoleLog.Kind.STEP, "entry " + i);
        }
        assertThat(log.since(3)).extracting(ConsoleLog.Entry::seq).containsExactly(4L, 5L);
        assertThat(log.since(3)).extracting(ConsoleLog.Entry::text).containsExactly("entry 4", "entry 5");
        assertThat(log.since(5)).isEmpty();
        assertThat(log.since(99)).isEmpty();
        assertThat(log.since(-1)).hasSize(5);
    }

    @Test
    void keepsOnlyTheLastCapacityEntries() {
        ConsoleLog log = new ConsoleLog(3);
        for (int i = 1; i <= 7; i++) {
            log.append(ConsoleLog.Kind.NOTICE, "n" + i);
        }
        assertThat(log.lastSeq()).isEqualTo(7);
        assertThat(log.since(0)).extracting(ConsoleLog.Entry::seq).containsExactly(5L, 6L, 7L);
        assertThat(log.since(0)).extracting(ConsoleLog.Entry::text).containsExactly("n5", "n6", "n7");
        // a reader that last saw entry 2 missed 3 and 4: they are gone
        assertThat(log.since(2)).extracting(ConsoleLog.Entry::seq).containsExactly(5L, 6L, 7L);
        assertThat(log.since(6)).extracting(ConsoleLog.Entry::seq).containsExactly(7L);
    }

    @Test
    void sinceReturnsACopy() {
        ConsoleLog log = new ConsoleLog(3);
        log.append(ConsoleLog.Kind.NOTICE, "a");
        List<ConsoleLog.Entry> seen = log.since(0);
        log.append(ConsoleLog.Kind.NOTICE, "b");
        assertThat(seen).hasSize(1);
        seen.clear();
        assertThat(log.since(0)).hasSize(2);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersGetDistinctConsecutiveNumbers() throws Exception {
        ConsoleLog log = new ConsoleLog(5000);
        int threads = 4;
        int each = 1000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int id = k;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    log.append(ConsoleLog.Kind.STEP, id + ":" + i);
                    log.since(log.lastSeq() - 3); // readers meanwhile
                }
            });
            t.start();
            writers.add(t);
        }
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }
        assertThat(log.lastSeq()).isEqualTo(threads * each);
        List<ConsoleLog.Entry> all = log.since(0);
        assertThat(all).hasSize(threads * each);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(i + 1);
        }
        // each writer's entries in its own order
        for (int k = 0; k < threads; k++) {
            String prefix = k + ":";
            List<String> mine = all.stream().map(ConsoleLog.Entry::text).filter(s -> s.startsWith(prefix)).toList();
            assertThat(mine).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    static LongStream tries200() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void behavesLikeTheTailOfAPlainList(long trial) {
        Gen g = Gen.of(99L, trial);
        int capacity = g.intIn(1, 20);
        int appends = g.intIn(0, 80);
        int since = g.intIn(-1, 90);
        ConsoleLog log = new ConsoleLog(capacity);
        List<String> all = new ArrayList<>();
        ConsoleLog.Kind[] kinds = ConsoleLog.Kind.values();
        for (int i = 0; i < appends; i++) {
            String text = "entry " + i;
            all.add(text);
            log.append(kinds[i % kinds.length], text);
        }
        List<ConsoleLog.Entry> expected = new ArrayList<>();
        for (int i = Math.max(0, appends - capacity); i < appends; i++) {
            long seq = i + 1;
            if (seq > since) {
                expected.add(new ConsoleLog.Entry(seq, kinds[i % kinds.length], all.get(i)));
            }
        }
        assertThat(log.since(since)).isEqualTo(expected);
        assertThat(log.lastSeq()).isEqualTo(appends);
        assertThat(log.since(0).size()).isEqualTo(Math.min(appends, capacity));
    }
}
