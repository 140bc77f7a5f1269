package io.lingxi.analytics.service;

import io.lingxi.analytics.messaging.ExportPublisher;
import io.lingxi.contracts.messaging.EventContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live path of every consumed event: analysed (masked, hashed), applied to the tables once, then its
 * anonymised copy published. The copy is published on every delivery, new or repeated, under an id derived from
 * the source's: a crash between the commit and the send loses nothing, and a repeat is recognisable downstream.
 */
@ApplicationScoped
public class IngestService {

    private final Analysers analysers;
    private final Ledger ledger;
    private final ExportPublisher exports;

    public IngestService(Analysers analysers, Ledger ledger, ExportPublisher exports) {
        this.analysers = analysers;
        this.ledger = ledger;
        this.exports = exports;
    }

    public Uni<Void> ingest(String topic, EventContext context, String json) {
        return analysers.analyser()
                .map(analyser -> analyser.analyse(topic, context, json))
                .chain(analysis -> ledger.apply(Ledger.LIVE_SCHEMA, context.id(), analysis)
                        .chain(() -> exports.publish(topic, context, analysis)));
    }
}
