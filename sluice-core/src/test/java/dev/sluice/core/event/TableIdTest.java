package dev.sluice.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableIdTest {

    @Test
    void parsesQuotedDottedAndUnicodeNamesAsWritten() {
        assertThat(TableId.parse("orders", "public")).isEqualTo(new TableId("public", "orders"));
        assertThat(TableId.parse("Sales.Orders", "public")).isEqualTo(new TableId("Sales", "Orders"));
        assertThat(TableId.parse("\"Mixed Schema\".\"Dotted.Table\"", "public")).isEqualTo(new TableId("Mixed Schema", "Dotted.Table"));
        assertThat(TableId.parse("\"a\"\"b\".ünï", "public")).isEqualTo(new TableId("a\"b", "ünï"));
    }

    @Test
    void quotesForSql() {
        assertThat(new TableId("a\"b", "Dotted.Table").quoted()).isEqualTo("\"a\"\"b\".\"Dotted.Table\"");
    }

    @Test
    void rejectsMalformedNames() {
        assertThatThrownBy(() -> TableId.parse("a.b.c", "public")).hasMessageContaining("quote parts that contain dots");
        assertThatThrownBy(() -> TableId.parse("\"open", "public")).hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> TableId.parse("a.", "public")).hasMessageContaining("empty part");
    }
}
