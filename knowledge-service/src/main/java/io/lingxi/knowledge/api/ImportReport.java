package io.lingxi.knowledge.api;

import java.util.List;

/**
 * The outcome of a bulk import. When any row is rejected nothing is imported ({@code imported} = 0) and
 * {@code rejected} says which lines and why; fix them and send the file again.
 *
 * @param created  entries that did not exist
 * @param updated  entries that existed and were replaced
 */
public record ImportReport(int rows, int imported, int created, int updated, List<RejectedRow> rejected) {

    /** One rejected row: its line in the file (1 = first line) and what is wrong with it. */
    public record RejectedRow(int line, String id, List<String> errors) {
    }
}
