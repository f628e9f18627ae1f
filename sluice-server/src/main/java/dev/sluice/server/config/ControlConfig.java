package dev.sluice.server.config;

/**
 * The control plane's settings: the HTTP admin API and the Kafka Connect cluster whose sink
 * connectors Sluice manages.
 *
 * @param httpAddress     host:port the admin API listens on; null for no API
 * @param httpToken       bearer token every write must carry; required when not bound to loopback
 * @param readyMaxLagMb   {@code /ready} fails when the slot is further behind than this many MiB
 * @param connectUrl      Kafka Connect REST URL; null when no sink connectors are managed
 * @param connectUser     basic-auth user for Kafka Connect, may be null
 * @param connectPassword its password, may be null
 */
public record ControlConfig(String httpAddress, String httpToken, int readyMaxLagMb, String connectUrl, String connectUser,
        String connectPassword) {

    /** No HTTP API and no Connect cluster: what tests and embedded uses get unless they ask. */
    public static final ControlConfig NONE = new ControlConfig(null, null, 256, null, null, null);

    /** With the API on {@code httpAddress} (e.g. {@code 127.0.0.1:0} for any free port). */
    public ControlConfig withHttp(String address, String token) {
        return new ControlConfig(address, token, readyMaxLagMb, connectUrl, connectUser, connectPassword);
    }

    /** Managing sink connectors on the Connect cluster at {@code url}. */
    public ControlConfig withConnect(String url) {
        return new ControlConfig(httpAddress, httpToken, readyMaxLagMb, url, connectUser, connectPassword);
    }

    @Override
    public String toString() {
        return "ControlConfig[httpAddress=" + httpAddress + ", httpToken=" + (httpToken == null ? "none" : "****")
                + ", readyMaxLagMb=" + readyMaxLagMb + ", connectUrl=" + connectUrl + "]";
    }
}
