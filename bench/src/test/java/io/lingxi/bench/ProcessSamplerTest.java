package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSamplerTest {

    @Test
    void readsParentCpuTicksAndRssFromProcStatEvenWithSpacesInTheCommand() {
        String stat = "4242 (java (worker) 1) S 17 4242 17 0 -1 4194560 95 0 0 0 310 45 0 0 20 0 31 0 1234 "
                + "3000000000 2048 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessSampler.parseStat(stat)).containsExactly(17L, 355L, 2048L * ProcessSampler.PAGE);
    }

    @Test
    void samplesTheProcessesNamedByPidFilesAndItself(@TempDir Path state) throws Exception {
        Files.createDirectories(state.resolve("run"));
        long self = ProcessHandle.current().pid();
        Files.writeString(state.resolve("run/gateway.pid"), self + "\n");
        Files.writeString(state.resolve("run/postgres.mode"), "embedded\n");
        Files.writeString(state.resolve("run/stale.pid"), "not a pid\n");

        ProcessSampler sampler = new ProcessSampler(state);
        try {
            ProcessSampler.Sample sample = sampler.sample();
            assertThat(sample.components()).containsOnlyKeys("gateway", "bench");
            assertThat(sample.components().get("gateway")[0]).isPositive(); // this JVM has used CPU
            assertThat(sample.components().get("gateway")[1]).isGreaterThan(10L * 1024 * 1024);
            // a process counted under one name is not counted again under another
            assertThat(sample.components().get("bench")[1]).isZero();
            assertThat(sample.machineTotal()).isPositive();
        } finally {
            sampler.close();
        }
    }
}
