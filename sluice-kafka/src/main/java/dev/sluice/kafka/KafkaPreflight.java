package dev.sluice.kafka;

import dev.sluice.core.error.FatalException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Checks, before any change is read, that the Kafka brokers answer with the given settings.
 *
 * <p>Why: a producer pointed at a wrong address does not fail; it buffers and retries for
 * {@code delivery.timeout.ms} (two minutes) and then fails record by record, which a user reads
 * as a hang. One round trip at start turns that into a single clear line and a stop.
 *
 * <p>Stateless and thread-safe.
 */
public final class KafkaPreflight {

    /** How long {@link #check(String, Map)} waits for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaPreflight() {
    }

    /** {@link #check(String, Map, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void check(String bootstrapServers, Map<String, String> clientProperties) {
        check(bootstrapServers, clientProperties, DEFAULT_TIMEOUT);
    }

    /**
     * Asks the brokers at {@code bootstrapServers} to describe the cluster, using the security
     * settings among {@code clientProperties}.
     *
     * @throws FatalException when the address is not valid, no broker answers within
     *         {@code timeout}, or the brokers reject the credentials or the request; its message
     *         names the servers and the fix
     */
    public static void check(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        Admin admin;
        try {
            admin = KafkaClients.admin(bootstrapServers, clientProperties, timeout);
        } catch (KafkaException e) {
            throw KafkaFailures.construction(bootstrapServers, e);
        }
        try {
            DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
            admin.describeCluster(options).nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw classify(bootstrapServers, timeout, KafkaFailures.unwrap(e));
        } catch (TimeoutException e) {
            throw KafkaFailures.unreachable(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalException("interrupted while checking that Kafka at " + bootstrapServers + " is reachable", e);
        } finally {
            // Nothing is worth waiting for once the answer (or the timeout) is in.
            admin.close(Duration.ZERO);
        }
    }

    private static FatalException classify(String servers, Duration timeout, Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return KafkaFailures.authentication(servers, cause);
        }
        if (cause instanceof AuthorizationException) {
            return KafkaFailures.authorization(servers, "describe the cluster", cause);
        }
        return KafkaFailures.unreachable(servers, timeout, cause);
    }
}
