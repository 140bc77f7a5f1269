package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One line of a conversation, as carried in a handoff summary. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptLine(Sender sender, String text, Instant at) {
}
