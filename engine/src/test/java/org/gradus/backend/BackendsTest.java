package org.gradus.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.gradus.Config;
import org.gradus.Gradus;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void cpuIsRegisteredFirstAndSelectedByDefault() {
        assertThat(Backends.registered().get(0).name()).isEqualTo("cpu");
        BackendSelection s = Backends.select("cpu", true);
        assertThat(s.backend()).isInstanceOf(CpuBackend.class);
        assertThat(s.fellBack()).isFalse();
    }

    @Test
    void missingCudaBackendFallsBackToCpuWithAWarningNamingTheFix() {
        // the engine's own tests have no gpu module on the class path
        BackendSelection s = Backends.select("CUDA", false);
        assertThat(s.backend().name()).isEqualTo("cpu");
        assertThat(s.fallbackWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("device=cuda was requested", "no 'cuda' backend on the class path", "gradus-gpu",
                        "running on the CPU instead"));
    }

    @Test
    void strictModeTurnsTheFallbackIntoAnError() {
        assertThatThrownBy(() -> Backends.select("cuda", true))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("strict mode").hasMessageContaining("no 'cuda' backend");
    }

    @Test
    void currentLogsTheFallbackWarningOnce() {
        Config config = Gradus.config();
        String device = config.device();
        Logger logger = Logger.getLogger("org.gradus.backend");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            config.setDevice("opencl");
            assertThat(Backends.current().name()).isEqualTo("cpu");
            assertThat(Backends.current().name()).isEqualTo("cpu");
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getMessage()).contains("device=opencl");
        } finally {
            logger.removeHandler(handler);
            config.setDevice(device);
        }
    }

    @Test
    void strictFlagIsParsedAndChecked() {
        Config config = Gradus.config();
        boolean before = config.strict();
        try {
            assertThat(config.set("strict", "TRUE").strict()).isTrue();
            assertThat(config.setStrict(false).strict()).isFalse();
            assertThatThrownBy(() -> config.set("strict", "yes")).hasMessageContaining("strict must be true or false");
        } finally {
            config.setStrict(before);
        }
    }

    @Test
    void cudaStatusSaysWhenThereIsNoBackend() {
        assertThat(Gradus.cudaStatus()).startsWith("no CUDA backend on the class path");
    }
}
