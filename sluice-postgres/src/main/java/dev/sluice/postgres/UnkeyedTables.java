package dev.sluice.postgres;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.catalog.CapturedTable;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule for tables without a primary key or replica identity index: refused unless
 * {@code allow-unkeyed}; then captured without a key, and their updates and deletes only under
 * {@code REPLICA IDENTITY FULL} (warned about at start; the skipped ones are counted by {@link SkippedChanges}).
 */
final class UnkeyedTables {

    private static final Logger LOG = LoggerFactory.getLogger(UnkeyedTables.class);

    private UnkeyedTables() {
    }

    static void check(List<CapturedTable> tables, boolean allowUnkeyed) {
        List<CapturedTable> unkeyed = tables.stream().filter(t -> !t.keyed() || t.replicaIdentity() == 'n').toList();
        if (unkeyed.isEmpty()) {
            return;
        }
        if (!allowUnkeyed) {
            throw new FatalException("tables without a primary key or replica identity index: "
                    + unkeyed.stream().map(t -> t.id().toString()).collect(Collectors.joining(", "))
                    + "; add a primary key, or set allow-unkeyed to capture them without a key");
        }
        for (CapturedTable table : unkeyed) {
            if (!table.identifiable()) {
                LOG.warn("table {} has no key and REPLICA IDENTITY is not FULL: its inserts and truncates are captured, "
                        + "its updates and deletes are skipped; ALTER TABLE {} REPLICA IDENTITY FULL to capture them",
                        table.id(), table.id().quoted());
            }
        }
    }
}
