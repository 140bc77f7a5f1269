package io.lingxi.dialogue.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/** A tenant's flows, as uploaded or shipped by default. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowSet(List<Flow> flows) {

    public Optional<Flow> byId(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<Flow> triggeredBy(String intent) {
        return flows.stream().filter(f -> f.intents() != null && f.intents().contains(intent)).findFirst();
    }
}
