package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

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
                    at100 = org.normscope.testing.Heap.usedAfterGc();
                }
            }
            long at1000 = org.normscope.testing.Heap.usedAfterGc();
            assertThat(early).hasSize(4 + 3 + 5 + 3);
            org.normscope.testing.Heap.awaitCollected(early, o -> o.getClass().getSimpleName());
            assertThat(at1000 - at100).as("heap growth from rebuild 100 to %d: %d → %d bytes", REBUILDS, at100,
                    at1000).isLessThan(MAX_GROWTH);
            // still working
            vm.step(4);
            m.settle();
            Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
        }
    }
}
