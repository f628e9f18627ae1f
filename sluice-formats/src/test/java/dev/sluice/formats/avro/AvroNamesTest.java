package dev.sluice.formats.avro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvroNamesTest {

    @Test
    void legalNamesAreKept() {
        assertThat(AvroNames.of("customer_id")).isEqualTo("customer_id");
        assertThat(AvroNames.of("Id")).isEqualTo("Id");
        assertThat(AvroNames.of("_x9")).isEqualTo("_x9");
    }

    @Test
    void illegalNamesAreReplacedAndGetAStableSuffixOfTheirOwn() {
        assertThat(AvroNames.of("with.dot")).isEqualTo("with_dot_5e564431");
        assertThat(AvroNames.of("with-dot")).startsWith("with_dot_").isNotEqualTo(AvroNames.of("with.dot"));
        assertThat(AvroNames.of("9lives")).startsWith("_9lives_");
        assertThat(AvroNames.of("ünïcödé ☃")).matches("[A-Za-z_][A-Za-z0-9_]*");
        assertThat(AvroNames.isLegal(AvroNames.of(""))).isTrue();
    }

    @Test
    void namespacesComeFromTopicsPartByPart() {
        assertThat(AvroNames.namespace("shop.public.orders")).isEqualTo("shop.public.orders");
        assertThat(AvroNames.namespace("shop-2.Mixed_Schema.9table")).isEqualTo("shop_2.Mixed_Schema._9table");
    }
}
