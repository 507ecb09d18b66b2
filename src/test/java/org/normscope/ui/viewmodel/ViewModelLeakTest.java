package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thousand new layers through the view model leave nothing behind. */
class ViewModelLeakTest {

    static final int REBUILDS = 1000;
    /** Heap growth allowed between rebuild 100 and rebuild 1000, after GC. */
    static final long MAX_GROWTH = 4L << 20;

    @Test
    void aThousandNewLayersLeaveNoRowsOrListenersBehind() throws Exception {
        try (Vm m = new Vm()) {
            MainViewModel vm = m.vm;
            List<WeakReference<ParameterRow>> early = new ArrayList<>();
            for (ParameterRow row : vm.layer().parameters()) {
                early.add(new WeakReference<>(row));
            }
            long at100 = 0;
            for (int i = 1; i <= REBUILDS; i++) {
                boolean affine = i % 3 != 0; // every third new layer also toggles affine off and on
                String c = i % 2 == 1 ? "3" : "5";
                assertThat(Vm.type(vm.layer().numFeatures(), c)).isTrue();
                if (!affine) {
                    vm.layer().affineProperty().set(false);
                    m.settle();
                    assertThat(vm.layer().parameters()).isEmpty();
                    vm.layer().affineProperty().set(true);
                }
                m.settle();
                assertThat(vm.layer().parameters()).hasSize(Integer.parseInt(c));
                assertThat(m.snap().step()).isZero();
                if (i <= 3) {
                    for (ParameterRow row : vm.layer().parameters()) {
                        early.add(new WeakReference<>(row));
                    }
                }
                if (i == 100) {
                    at100 = usedAfterGc();
                }
            }
            long at1000 = usedAfterGc();
            assertThat(early).hasSize(4 + 3 + 5 + 3);
            awaitCollected(early);
            assertThat(at1000 - at100).as("heap growth from rebuild 100 to %d: %d → %d bytes", REBUILDS, at100,
                    at1000).isLessThan(MAX_GROWTH);
            // still working
            vm.step(4);
            m.settle();
            Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
        }
    }

    /** Heap in use after a few full collections. */
    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Collects until every reference is cleared, for up to ten seconds. */
    static void awaitCollected(List<? extends WeakReference<?>> refs) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long alive = refs.stream().filter(r -> r.get() != null).count();
            if (alive == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(alive + " of " + refs.size() + " objects still reachable after 10 s of GC");
            }
            System.gc();
            Thread.sleep(50);
        }
    }
}
