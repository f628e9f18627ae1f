package dev.sluice.postgres.replication;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * Finds, creates and drops Sluice's logical replication slot. A slot is created on a replication
 * connection with an exported snapshot: the snapshot is usable, from other connections, only until
 * that replication connection runs its next command, so the caller keeps it idle until the
 * snapshot is read.
 */
public final class SlotManager {

    private final String slot;

    public SlotManager(String slot) {
        this.slot = slot;
    }

    public String slot() {
        return slot;
    }

    public Optional<SlotStatus> status(Connection connection) {
        boolean hasWalStatus = serverVersion(connection) >= 130000;
        String sql = "SELECT slot_name, plugin, database, active, coalesce(active_pid, 0), confirmed_flush_lsn::text, "
                + (hasWalStatus ? "coalesce(wal_status, '')" : "''") + " FROM pg_replication_slots WHERE slot_name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String confirmed = rs.getString(6);
                return Optional.of(new SlotStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getInt(5), confirmed == null ? Lsn.ZERO : Lsn.parse(confirmed), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read replication slot " + slot);
        }
    }

    /** Creates the slot with pgoutput and an exported snapshot; returns its consistent point and snapshot name. */
    public CreatedSlot create(Connection replicationConnection) {
        try {
            ReplicationSlotInfo info = replicationConnection.unwrap(PGConnection.class).getReplicationAPI()
                    .createReplicationSlot().logical()
                    .withSlotName(slot)
                    .withOutputPlugin("pgoutput")
                    .make();
            return new CreatedSlot(Lsn.parse(info.getConsistentPoint().asString()), info.getSnapshotName());
        } catch (SQLException e) {
            if ("42710".equals(e.getSQLState())) {
                throw new FatalException("replication slot \"" + slot + "\" was created by someone else meanwhile; "
                        + "is another sluice starting on this database? stop it or pick another slot", e);
            }
            if ("53400".equals(e.getSQLState())) {
                throw new FatalException("cannot create replication slot \"" + slot + "\": all replication slots are in use; "
                        + "drop an unused one (SELECT pg_drop_replication_slot('name')) or raise max_replication_slots", e);
            }
            throw PgErrors.classify(e, "cannot create replication slot \"" + slot + "\"");
        }
    }

    public void drop(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            statement.execute();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot drop replication slot \"" + slot + "\"");
        }
    }

    static int serverVersion(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseMajorVersion() * 10000;
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the server version");
        }
    }

    /** A new slot: where its stream starts, and the snapshot that shows the database at exactly that point. */
    public record CreatedSlot(Lsn consistentPoint, String snapshotName) {
    }
}
