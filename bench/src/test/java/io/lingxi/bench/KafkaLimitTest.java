package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaLimitTest {

    @Test
    void readsTheSummariesKafkasToolsPrint() {
        List<String> producer = List.of(
                "1068781 records sent, 213756.2 records/sec (40.77 MB/sec), 120.3 ms avg latency, 480.0 ms max latency.",
                "1000000 records sent, 214132.8 records/sec (40.84 MB/sec), 118.52 ms avg latency, 512.00 ms max "
                        + "latency, 104 ms 50th, 290 ms 95th, 410 ms 99th, 500 ms 99.9th.");
        List<String> consumer = List.of("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
                        + "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-11-24 23:00:00:000, 2026-11-24 23:00:02:000, 190.7349, 95.3674, 1000000, 500000.0000, 300, "
                        + "1700, 112.1970, 588235.2941");

        KafkaLimit.Result result = KafkaLimit.parse(1_000_000, 200, producer, consumer);

        assertThat(result.producerRecordsPerSecond()).isEqualTo(214132.8);
        assertThat(result.producerMiBPerSecond()).isEqualTo(40.84);
        assertThat(result.producerAvgLatencyMs()).isEqualTo(118.52);
        assertThat(result.producerMaxLatencyMs()).isEqualTo(512.0);
        assertThat(result.consumerRecordsPerSecond()).isEqualTo(500000.0);
        assertThat(result.consumerMiBPerSecond()).isEqualTo(95.3674);
    }

    @Test
    void aToolThatPrintedNoSummaryIsAnError() {
        assertThatThrownBy(() -> KafkaLimit.parse(10, 200, List.of("ERROR broker not available"), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ProducerPerformance");
    }
}
