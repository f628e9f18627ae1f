package dev.sluice.postgres;

import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.postgres.catalog.CapturedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the updates and deletes of captured tables that have no key and no
 * {@code REPLICA IDENTITY FULL}: the publication cannot carry them, so Sluice never sees them in
 * the stream. The server's statistics count them ({@code n_tup_upd + n_tup_del} of
 * {@code pg_stat_user_tables}, reported by backends with a delay of a second or so, aborted
 * transactions included); the growth since start is reported to the listener and warned about
 * once per table.
 */
final class SkippedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedChanges.class);
    private static final String COUNTS = "SELECT relid, n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relid = ANY (?)";

    private final Connection catalog;
    private final Map<Integer, TableId> tables = new HashMap<>();
    private final Map<Integer, Long> seen = new HashMap<>();
    private final Set<Integer> warned = new HashSet<>();

    SkippedChanges(Connection catalog, List<CapturedTable> captured) {
        this.catalog = catalog;
        captured.stream().filter(t -> !t.identifiable()).forEach(t -> tables.put(t.oid(), t.id()));
        if (!tables.isEmpty()) {
            seen.putAll(counts());
        }
    }

    /** Reports the changes skipped since the last call; cheap enough for every heartbeat. */
    void report(ChangeListener listener) {
        if (tables.isEmpty()) {
            return;
        }
        counts().forEach((oid, count) -> {
            long previous = seen.getOrDefault(oid, count);
            seen.put(oid, count);
            if (count > previous) {
                TableId table = tables.get(oid);
                listener.onSkipped(table, count - previous);
                if (warned.add(oid)) {
                    LOG.warn("table {}: {} updates or deletes skipped (it has no key and REPLICA IDENTITY is not FULL); they"
                            + " are counted, not captured; ALTER TABLE {} REPLICA IDENTITY FULL to capture them",
                            table, count - previous, table.quoted());
                }
            }
        });
    }

    private Map<Integer, Long> counts() {
        Map<Integer, Long> counts = new HashMap<>();
        try (PreparedStatement statement = catalog.prepareStatement(COUNTS)) {
            statement.setArray(1, catalog.createArrayOf("oid", tables.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put((int) rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            LOG.debug("cannot read the statistics of unkeyed tables: {}", e.getMessage());
        }
        return counts;
    }
}
