package dev.sluice.kafka;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.error.SluiceException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Turns what the Kafka client throws into Sluice's two kinds of failure, each with the one line a
 * user reads. Kept in one place so that the preflight check, topic creation and the send path name
 * the same problem the same way.
 */
final class KafkaFailures {

    private KafkaFailures() {
    }

    /** The cause inside an {@link ExecutionException} from a Kafka future, or the exception itself. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A client that could not be built. The Kafka clients wrap the {@link ConfigException} of an
     * unusable {@code bootstrap.servers} in a plain {@link KafkaException}; the line names
     * whichever setting is wrong.
     */
    static FatalException construction(String servers, KafkaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException config) {
                String message = String.valueOf(config.getMessage());
                if (message.contains("bootstrap.servers")) {
                    return new FatalException("kafka-bootstrap-servers \"" + servers + "\" is not usable (" + message
                            + "); give resolvable host:port pairs separated by commas, e.g. localhost:9092", e);
                }
                return new FatalException("the Kafka client properties for " + servers + " are not valid (" + message
                        + "); fix or remove that property", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new FatalException("could not create a Kafka client for " + servers + " (" + root.getMessage()
                + "); check the Kafka client properties", e);
    }

    static FatalException unreachable(String servers, Duration timeout, Throwable cause) {
        return new FatalException("Kafka at " + servers + " is not reachable (no answer within " + seconds(timeout)
                + "); check kafka-bootstrap-servers and that the brokers are up", cause);
    }

    static FatalException authentication(String servers, Throwable cause) {
        return new FatalException("Kafka at " + servers + " rejected Sluice's credentials (" + cause.getMessage()
                + "); check the security.protocol, sasl.* and ssl.* producer properties", cause);
    }

    static FatalException authorization(String servers, String what, Throwable cause) {
        return new FatalException("Kafka at " + servers + " does not allow Sluice to " + what + " ("
                + cause.getMessage() + "); grant the ACL to Sluice's principal", cause);
    }

    /** A failed delivery: fatal when retrying cannot help, retriable otherwise. */
    static SluiceException delivery(String servers, String topic, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AuthenticationException) {
            return authentication(servers, cause);
        }
        if (cause instanceof AuthorizationException) {
            return authorization(servers, "write to topic " + topic, cause);
        }
        if (cause instanceof RecordTooLargeException) {
            return new FatalException("a record for topic " + topic + " is too large for Kafka (" + cause.getMessage()
                    + "); raise max.request.size and the topic's max.message.bytes", cause);
        }
        if (cause instanceof InvalidConfigurationException || cause instanceof UnsupportedVersionException) {
            return new FatalException("Kafka at " + servers + " refused a record for topic " + topic + ": "
                    + cause.getMessage(), cause);
        }
        return new RetriableException("Kafka at " + servers + " did not confirm a record for topic " + topic + ": "
                + cause.getMessage(), cause);
    }

    /** "10 s", or "1500 ms" when the timeout is not whole seconds. */
    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
