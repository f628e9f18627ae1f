package dev.sluice.server.cli;

import dev.sluice.core.error.FatalException;
import java.util.concurrent.CountDownLatch;

/**
 * A {@code sluice} process whose engine blocks until stopped, for {@link GracefulShutdownTest} to
 * signal. With {@code -Dfail-on-stop=true} the engine throws a fatal fault when stopped.
 */
public final class SignalledRunMain {

    private SignalledRunMain() {
    }

    public static void main(String[] args) {
        CountDownLatch stopped = new CountDownLatch(1);
        SluiceCli.launch(args, System::getenv, config -> new Engine() {
            @Override
            public void run() {
                System.out.println("engine running");
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("engine stopped");
                if (Boolean.getBoolean("fail-on-stop")) {
                    throw new FatalException("could not confirm the last position");
                }
            }

            @Override
            public void stop() {
                stopped.countDown();
            }
        });
    }
}
