package dev.sluice.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.event.TableId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRouterTest {

    @Test
    void namesTopicsPrefixSchemaTableWithIllegalCharactersReplaced() {
        TopicRouter router = new TopicRouter("shop", Map.of());
        assertThat(router.topic(new TableId("public", "orders"))).isEqualTo("shop.public.orders");
        assertThat(router.topic(new TableId("Mixed Schema", "Dotted.Table"))).isEqualTo("shop.Mixed_Schema.Dotted.Table");
        assertThat(router.topic(new TableId("s", "ünï☃"))).isEqualTo("shop.s._n__");
    }

    @Test
    void perTableOverrideWins() {
        TopicRouter router = new TopicRouter("shop", Map.of(new TableId("public", "orders"), "orders-v2"));
        assertThat(router.topic(new TableId("public", "orders"))).isEqualTo("orders-v2");
        assertThat(router.topic(new TableId("public", "items"))).isEqualTo("shop.public.items");
    }

    @Test
    void illegalOverrideIsRefusedWithTheRule() {
        assertThatThrownBy(() -> new TopicRouter("shop", Map.of(new TableId("public", "orders"), "bad topic")))
                .hasMessage("not a legal Kafka topic name: 'bad topic' (use letters, digits, '.', '_' and '-', at most 249 characters)");
    }

    @Test
    void tablesWhoseTopicNamesMeetAreRefusedUnlessAnOverrideSeparatesThem() {
        TopicRouter router = new TopicRouter("shop", Map.of());
        assertThat(router.topic(new TableId("public", "order lines"))).isEqualTo("shop.public.order_lines");
        assertThat(router.topic(new TableId("public", "order lines"))).isEqualTo("shop.public.order_lines");
        assertThatThrownBy(() -> router.topic(new TableId("public", "order_lines")))
                .hasMessage("tables \"public\".\"order lines\" and \"public\".\"order_lines\" would both write to topic"
                        + " shop.public.order_lines (characters Kafka does not allow become '_'); give one of them a topic of"
                        + " its own with topic-overrides");

        TopicRouter separated = new TopicRouter("shop", Map.of(new TableId("public", "order_lines"), "shop.order-lines"));
        assertThat(separated.topic(new TableId("public", "order lines"))).isEqualTo("shop.public.order_lines");
        assertThat(separated.topic(new TableId("public", "order_lines"))).isEqualTo("shop.order-lines");

        TopicRouter stolen = new TopicRouter("shop", Map.of(new TableId("public", "a"), "shop.public.b"));
        assertThatThrownBy(() -> stolen.topic(new TableId("public", "b"))).hasMessageContaining("would both write to topic shop.public.b");
    }
}
