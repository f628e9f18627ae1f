package dev.sluice.server.engine;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.catalog.TableCatalog;
import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.server.config.SluiceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@code sluice install} and {@code sluice uninstall} do: create or drop the control plane
 * in the configured database. Installing seeds the capture list with the configuration's tables
 * (so nothing changes until someone changes the list) when the list is new.
 */
public final class Installation {

    private final SluiceConfig config;

    public Installation(SluiceConfig config) {
        this.config = config;
    }

    public ControlPlane.Installed install() {
        PostgresSourceConfig source = EngineSettings.from(config).source();
        try (Connection connection = new PgConnector(source).open()) {
            List<CapturedTable> seed;
            try {
                seed = new TableCatalog(connection).resolve(source.tables(), source.schemas(), source.viaPartitionRoot());
            } catch (FatalException e) {
                seed = List.of(); // nothing to seed: an empty capture list, filled with sluice.add_table()
            }
            return ControlPlane.install(connection, seed);
        } catch (SQLException e) {
            throw dev.sluice.postgres.PgErrors.classify(e, "cannot close the connection");
        }
    }

    public ControlPlane.Uninstalled uninstall() {
        try (Connection connection = new PgConnector(EngineSettings.from(config).source()).open()) {
            return ControlPlane.uninstall(connection);
        } catch (SQLException e) {
            throw dev.sluice.postgres.PgErrors.classify(e, "cannot close the connection");
        }
    }
}
