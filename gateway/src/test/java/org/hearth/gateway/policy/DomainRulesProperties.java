package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DomainRulesProperties {

    @Provide
    Arbitrary<String> label() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(12)
                .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
    }

    @Provide
    Arbitrary<String> domain() {
        return label().list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
    }

    @Provide
    Arbitrary<List<String>> prefixLabels() {
        return label().list().ofMinSize(0).ofMaxSize(4);
    }

    @Property
    void ruleCoversTheNameAndEveryNameBelowIt(@ForAll("domain") String rule, @ForAll("prefixLabels") List<String> below) {
        DomainRules rules = DomainRules.of(List.of(rule));
        String name = below.isEmpty() ? rule : String.join(".", below) + "." + rule;
        assertThat(rules.match(name)).isEqualTo(rule);
    }

    @Property
    void ruleNeverCoversANameThatMerelyEndsWithTheSameLetters(@ForAll("domain") String rule, @ForAll("label") String glued) {
        DomainRules rules = DomainRules.of(List.of(rule));
        assertThat(rules.match(glued + rule)).isNull();
    }

    @Property
    void ruleNeverCoversItsParent(@ForAll("label") String child, @ForAll("domain") String parent) {
        DomainRules rules = DomainRules.of(List.of(child + "." + parent));
        assertThat(rules.match(parent)).isNull();
    }

    @Property
    void normalisingIsIdempotentAndIgnoresCaseAndTrailingDot(@ForAll("domain") String name) {
        String n = DomainNames.normalise(name.toUpperCase() + ".");
        assertThat(n).isEqualTo(name);
        assertThat(DomainNames.normalise(n)).isEqualTo(n);
    }
}
