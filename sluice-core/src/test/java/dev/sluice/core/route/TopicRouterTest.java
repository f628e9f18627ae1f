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
}
