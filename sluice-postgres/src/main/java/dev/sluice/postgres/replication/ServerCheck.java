package dev.sluice.postgres.replication;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The checks made before anything is created: the server can do logical replication and the user
 * may. Each failure names the setting or privilege and how to fix it.
 */
public final class ServerCheck {

    /** pgoutput and publications exist from PostgreSQL 10 on. */
    private static final int MIN_VERSION = 100000;

    private ServerCheck() {
    }

    /** Returns the server's version number (e.g. 170004) after checking it all. */
    public static int check(Connection connection, String target, boolean slotExists) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT current_setting('server_version_num')::int,
                               current_setting('wal_level'),
                               current_setting('max_replication_slots')::int,
                               current_setting('max_wal_senders')::int,
                               (SELECT count(*) FROM pg_replication_slots)::int,
                               r.rolreplication OR r.rolsuper,
                               current_user,
                               has_database_privilege(current_database(), 'CREATE')
                        FROM pg_roles r WHERE r.rolname = current_user""")) {
            rs.next();
            int version = rs.getInt(1);
            String user = rs.getString(7);
            if (version < MIN_VERSION) {
                throw new FatalException("PostgreSQL " + version / 10000 + " at " + target
                        + " is too old; Sluice needs PostgreSQL 10 or later (logical replication with pgoutput)");
            }
            String walLevel = rs.getString(2);
            if (!walLevel.equals("logical")) {
                throw new FatalException("wal_level is '" + walLevel + "' on " + target
                        + "; set wal_level = logical (ALTER SYSTEM SET wal_level = logical) and restart PostgreSQL");
            }
            if (!rs.getBoolean(6)) {
                throw new FatalException("user " + user + " may not use replication on " + target
                        + "; ALTER ROLE " + user + " WITH REPLICATION (or, on a hosted database, grant its replication role)");
            }
            if (rs.getInt(4) == 0) {
                throw new FatalException("max_wal_senders is 0 on " + target + "; set it to at least 1 and restart PostgreSQL");
            }
            if (!slotExists && rs.getInt(5) >= rs.getInt(3)) {
                throw new FatalException("all " + rs.getInt(3) + " replication slots on " + target
                        + " are in use; drop an unused one (SELECT pg_drop_replication_slot('name')) or raise max_replication_slots");
            }
            return version;
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot check the server at " + target);
        }
    }
}
