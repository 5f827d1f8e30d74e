package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.gateway.config.WebConfig;
import org.junit.jupiter.api.Test;

/** The pages' words and markup: every language complete, nothing from outside ever becomes markup. */
class ChildPagesTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)>\"'&";
    private final Messages messages = Messages.load();

    @Test
    void everyLanguageHasEveryText() {
        for (String language : Messages.LANGUAGES) {
            assertThat(messages.missing(language)).as(language).isEmpty();
        }
        assertThat(messages.text("km", "block.title")).isEqualTo("គេហទំព័រនេះត្រូវបានរារាំង");
        assertThat(messages.text("km", "ask.sent", "a.example")).contains("a.example");
    }

    @Test
    void languageFollowsTheSwitchThenTheBrowsersWeights() {
        assertThat(Messages.choose(null, "km-KH,km;q=0.9,en;q=0.8")).isEqualTo("km");
        assertThat(Messages.choose(null, "fr-FR,en;q=0.5,km;q=0.4")).isEqualTo("en");
        assertThat(Messages.choose(null, "fr,km;q=0.3")).isEqualTo("km");
        assertThat(Messages.choose(null, "km;q=0,en")).isEqualTo("en");
        assertThat(Messages.choose("km", "en")).isEqualTo("km");
        assertThat(Messages.choose("xx", null)).isEqualTo("en");
        assertThat(Messages.choose(null, ";;;garbage")).isEqualTo("en");
    }

    @Test
    void namesMessagesRepliesAndTheHelplineAreTextNeverMarkup() {
        ChildPages pages = new ChildPages(messages, new WebConfig.Helpline(MARKUP, "https://help.example/?a=1&b=\""),
                ZoneOffset.UTC);
        Instant now = Instant.parse("2026-11-25T05:00:00Z");
        UnblockRequest request = new UnblockRequest(1, "tablet", MARKUP, "kids", "a.example", MARKUP, now,
                UnblockRequest.Status.DECLINED, MARKUP, null, "admin");
        String why = pages.why(new ChildPages.WhyView("en", MARKUP, List.of(new ChildPages.BlockedSite(MARKUP, now,
                MARKUP)), List.of(request), MARKUP, "tok\"en", MARKUP));
        String block = pages.block("en", MARKUP, MARKUP, "http://hearth.lan/");

        for (String page : List.of(why, block)) {
            assertThat(page).doesNotContain("<img", "\"'&<").contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;")
                    .doesNotContain("<script", "style=");
        }
        assertThat(why).contains("value=\"tok&quot;en\"", "href=\"https://help.example/?a=1&amp;b=&quot;\"");
    }

    @Test
    void siteIsTheHostOfWhateverTheChildPasted() {
        assertThat(ChildSite.siteOf(" https://www.casino.example:8443/games?x=1#top ")).isEqualTo("www.casino.example");
        assertThat(ChildSite.siteOf("casino.example/path")).isEqualTo("casino.example");
        assertThat(ChildSite.siteOf("casino.example")).isEqualTo("casino.example");
        assertThat(ChildSite.siteOf(null)).isEmpty();
    }
}
