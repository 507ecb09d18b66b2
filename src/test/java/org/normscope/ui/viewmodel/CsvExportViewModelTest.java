package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.normscope.session.Session;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;

/** File → Export history as CSV: the choices offered for a session, and what the export is given. */
class CsvExportViewModelTest {

    private record Call(SessionHistory history, Stat stat, long stepsPerRow, long from, long to) {
    }

    private final List<Call> calls = new ArrayList<>();

    @AfterEach
    void english() {
        UiLocale.set(UiLocale.ENGLISH);
    }

    private static Session stepped(int steps) {
        Session s = Session.notebook();
        for (int i = 0; i < steps; i++) {
            s.stepQuietly();
        }
        return s;
    }

    @Test
    void thereIsNothingToExportBeforeTheFirstStep() {
        assertThat(CsvExportViewModel.of(null)).isNull();
        assertThat(CsvExportViewModel.of(Session.notebook().snapshot())).isNull();
    }

    @Test
    void autoIsAboutAThousandRowsAndTheFirstChoice() {
        UiLocale.set(UiLocale.ENGLISH);
        CsvExportViewModel vm = CsvExportViewModel.of(stepped(2500).snapshot());
        assertThat(vm.resolutions()).extracting(CsvExportViewModel.Resolution::stepsPerRow)
                .containsExactly(3L, 1L, 10L, 100L, 1000L, 10_000L);
        assertThat(vm.resolutions().get(0).label()).contains("3");
        assertThat(vm.statistics()).hasSize(SessionHistory.exportable().size());
        assertThat(vm.statistics().get(vm.firstStatistic())).isEqualTo("running_mean");
    }

    @Test
    void theExportGetsTheChosenStatisticRowsAndSteps() {
        Session session = stepped(40);
        CsvExportViewModel vm = CsvExportViewModel.of(session.snapshot());
        int var = SessionHistory.exportable().indexOf(Stat.RUNNING_VAR);
        vm.export(var, vm.resolutions().get(3), (h, stat, rows, from, to) -> calls.add(new Call(h, stat, rows, from, to)));
        assertThat(calls).containsExactly(new Call(session.history(), Stat.RUNNING_VAR, 100, 1, 40));
    }

    @Test
    void exactRowsStartWhereTheHistoryIsStillExact() {
        Session session = stepped(40);
        CsvExportViewModel vm = CsvExportViewModel.of(session.snapshot());
        vm.export(vm.firstStatistic(), vm.resolutions().get(1),
                (h, stat, rows, from, to) -> calls.add(new Call(h, stat, rows, from, to)));
        assertThat(calls).containsExactly(new Call(session.history(), Stat.RUNNING_MEAN, 1,
                session.history().exactFrom(), 40));
        assertThat(vm.note()).contains(String.format("%,d", session.history().exactSteps()));
    }

    @Test
    void theWordsFollowTheLanguage() {
        UiLocale.set(UiLocale.CHINESE);
        Session session = stepped(5);
        CsvExportViewModel vm = CsvExportViewModel.of(session.snapshot());
        assertThat(vm.note()).isEqualTo(UiText.get("csv.note", String.format("%,d", session.history().exactSteps())))
                .isNotEqualTo(UiText.get("csv.note", "x"));
        assertThat(vm.resolutions().get(2).label()).isEqualTo(UiText.get("csv.resolution.steps", "10"));
        assertThat(vm.statistics().get(vm.firstStatistic())).isEqualTo(UiText.get("charts.stat.running_mean"));
    }
}
