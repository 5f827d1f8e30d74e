package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

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

    @Property
    void cidrContainsExactlyTheAddressesSharingItsPrefix(@ForAll("octets") int[] a, @ForAll("octets") int[] b,
            @ForAll("prefix") int prefix) throws Exception {
        Cidr cidr = Cidr.parse(a[0] + "." + a[1] + "." + a[2] + "." + a[3] + "/" + prefix);
        java.net.InetAddress other = java.net.InetAddress.getByAddress(
                new byte[] {(byte) b[0], (byte) b[1], (byte) b[2], (byte) b[3]});
        long av = ((long) a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
        long bv = ((long) b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        assertThat(cidr.contains(other)).isEqualTo((av & mask) == (bv & mask));
    }

    @Provide
    Arbitrary<int[]> octets() {
        Arbitrary<Integer> o = Arbitraries.integers().between(0, 255);
        return Combinators.combine(o, o, o, o).as((w, x, y, z) -> new int[] {w, x, y, z});
    }

    @Provide
    Arbitrary<Integer> prefix() {
        return Arbitraries.integers().between(0, 32);
    }
}
