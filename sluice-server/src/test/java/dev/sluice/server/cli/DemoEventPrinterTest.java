package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoEventPrinterTest {

    private final StringWriter out = new StringWriter();
    private final DemoEventPrinter printer = new DemoEventPrinter(new PrintWriter(out));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsTopicOperationKeyAndTheRowAfterTheChange() {
        printer.print("demo.shop.orders", utf8("{\"id\":7}"),
                utf8("{\"op\":\"u\",\"before\":null,\"after\":{\"id\":7,\"status\":\"paid\"},\"source\":{}}"));

        assertThat(out.toString()).isEqualTo(
                "demo.shop.orders       update    key={\"id\":7}  after={\"id\":7,\"status\":\"paid\"}\n");
    }

    @Test
    void showsTheRowBeforeADeleteAndMarksTombstones() {
        printer.print("demo.shop.orders", utf8("{\"id\":7}"), utf8("{\"op\":\"d\",\"before\":{\"id\":7},\"after\":null}"));
        printer.print("demo.shop.orders", utf8("{\"id\":7}"), null);

        assertThat(out.toString().lines()).containsExactly(
                "demo.shop.orders       delete    key={\"id\":7}  before={\"id\":7}",
                "demo.shop.orders       tombstone key={\"id\":7}  ");
        assertThat(printer.printed()).isEqualTo(2);
    }

    @Test
    void showsAnythingElseAsItIs() {
        printer.print("t", null, utf8("not json"));

        assertThat(out.toString()).isEqualTo("t                      ?         key=null  value=not json\n");
    }
}
