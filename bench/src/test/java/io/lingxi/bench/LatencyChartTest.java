package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LatencyChartTest {

    @Test
    void drawsAWellFormedSvgWithBothLinesAndThePhases() throws Exception {
        List<LatencyChart.Point> points = List.of(new LatencyChart.Point(0, "open", 80, 140, 290),
                new LatencyChart.Point(1, "open", 85, 2300, 310), new LatencyChart.Point(2, "open", -1, -1, 0),
                new LatencyChart.Point(3, "closed", 200, 900, 700));
        String svg = LatencyChart.svg("run <1> & co", points, List.of(new LatencyChart.Band("open", 0, 3),
                new LatencyChart.Band("closed", 3, 4)));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // a gap (no answers in second 2) splits each line in two
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(4);
        assertThat(svg).contains("run &lt;1&gt; &amp; co").contains(">open<").contains(">closed<")
                .contains("1,000 ms"); // the log scale reaches the decade above the 2.3 s peak
    }
}
