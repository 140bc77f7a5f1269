package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheIssuesTargets() {
        Options o = Options.parse(List.of());
        assertThat(o.openRate()).isEqualTo(300);
        assertThat(o.openSeconds()).isEqualTo(60);
        assertThat(o.closedSeconds()).isEqualTo(60);
        assertThat(o.replies()).isEqualTo("sse");
        assertThat(o.phases()).containsExactly("warmup", "open", "closed", "kafka");
        assertThat(o.reportDir().toString()).startsWith(Path.of("bench", "reports").toString());
    }

    @Test
    void optionsOverrideDefaults() {
        Options o = Options.parse(List.of("--open-rate=50.5", "--phases=open,kafka", "--replies=webhook",
                "--report-dir=/tmp/x"));
        assertThat(o.openRate()).isEqualTo(50.5);
        assertThat(o.phases()).containsExactly("open", "kafka");
        assertThat(o.replies()).isEqualTo("webhook");
        assertThat(o.reportDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Options.parse(List.of("--open-rat=5"))).hasMessageContaining("unknown option --open-rat");
        assertThatThrownBy(() -> Options.parse(List.of("--phases=open,soak"))).hasMessageContaining("unknown phase");
        assertThatThrownBy(() -> Options.parse(List.of("--open-seconds=0"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> Options.parse(List.of("--replies=poll"))).hasMessageContaining("sse or webhook");
        assertThatThrownBy(() -> Options.parse(List.of("open"))).hasMessageContaining("--name=value");
    }
}
