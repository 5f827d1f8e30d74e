package org.hearth.gateway.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hearth.gateway.config.WebConfig;

/** The two pages a child sees: the block page (any blocked site's name) and the "why" page (the box's name). */
final class ChildPages {

    /** One blocked site on the "why" page: the latest time it was blocked and why, in the child's words. */
    record BlockedSite(String name, Instant last, String why) {}

    /**
     * What the "why" page shows.
     *
     * @param deviceName the asking device, as the box knows it
     * @param notice the outcome of the form just sent, in words, or null
     * @param site the site to put in the form (from "ask to unblock this"), or ""
     */
    record WhyView(String language, String deviceName, List<BlockedSite> sites, List<UnblockRequest> requests,
            String notice, String token, String site) {}

    private final Messages messages;
    private final WebConfig.Helpline helpline;
    private final DateTimeFormatter times;

    ChildPages(Messages messages, WebConfig.Helpline helpline, ZoneId zone) {
        this.messages = messages;
        this.helpline = helpline;
        this.times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /**
     * @param why the reason in the child's words, or null when the site is not blocked (any more)
     * @param whyUrl the "why" page, at the box's name
     */
    String block(String language, String site, String why, String whyUrl) {
        String title = messages.text(language, why == null ? "block.notBlocked" : "block.title");
        Html page = new Html(language, title);
        page.markup("<section class=\"card\">").element("h1", "", title);
        page.element("p", "id=\"site\"", messages.text(language, "block.site", site));
        if (why != null) {
            page.element("p", "id=\"why\"", messages.text(language, "block.kind", why));
            page.element("p", "", messages.text(language, "block.unblock"));
            page.markup("<p>").link(whyUrl + "?site=" + java.net.URLEncoder.encode(site,
                    java.nio.charset.StandardCharsets.UTF_8) + "&lang=" + language, messages.text(language, "block.why"),
                    "id=\"why-link\" class=\"button\"").markup("</p>");
        }
        helpline(page, language);
        languageSwitch(page, language, "?lang=");
        return page.markup("</section>").finish();
    }

    String why(WhyView view) {
        String lang = view.language();
        Html page = new Html(lang, messages.text(lang, "why.title"));
        page.markup("<section class=\"card\">").element("h1", "", messages.text(lang, "why.title"));
        page.element("p", "id=\"device\"", messages.text(lang, "why.device", view.deviceName()));
        if (view.notice() != null) {
            page.element("p", "id=\"notice\" class=\"notice\" role=\"status\"", view.notice());
        }
        if (view.sites().isEmpty()) {
            page.element("p", "id=\"blocked\"", messages.text(lang, "why.none"));
        } else {
            page.markup("<ul id=\"blocked\">");
            for (BlockedSite site : view.sites()) {
                page.markup("<li>").element("strong", "class=\"name\"", site.name()).markup("<br>")
                        .element("span", "class=\"why\"", site.why()).markup(" ")
                        .element("span", "class=\"when\"", messages.text(lang, "why.when", times.format(site.last())))
                        .markup("<br>").link("/?lang=" + lang + "&site=" + java.net.URLEncoder.encode(site.name(),
                                java.nio.charset.StandardCharsets.UTF_8) + "#ask", messages.text(lang, "why.askThis"),
                                "class=\"ask-this\"")
                        .markup("</li>");
            }
            page.markup("</ul>");
        }
        page.element("p", "class=\"small\"", messages.text(lang, "why.privacy"));
        page.markup("</section><section class=\"card\" id=\"ask\">").element("h2", "", messages.text(lang, "ask.title"));
        // A plain form: no script anywhere; the token and the same-origin check guard it (WebRoutes).
        page.markup("<form method=\"post\" action=\"/ask\" id=\"ask-form\">")
                .markup("<input type=\"hidden\" name=\"token\" value=\"").text(view.token()).markup("\">")
                .markup("<input type=\"hidden\" name=\"lang\" value=\"").text(lang).markup("\">")
                .markup("<label>").text(messages.text(lang, "ask.site"))
                .markup("<input name=\"site\" required maxlength=\"253\" autocomplete=\"off\" value=\"")
                .text(view.site()).markup("\"></label>")
                .markup("<label>").text(messages.text(lang, "ask.message"))
                .markup("<textarea name=\"message\" maxlength=\"").text(Integer.toString(UnblockRequests.MAX_MESSAGE))
                .markup("\" rows=\"3\"></textarea></label>")
                .markup("<button type=\"submit\">").text(messages.text(lang, "ask.send")).markup("</button></form>");
        page.markup("</section><section class=\"card\">").element("h2", "", messages.text(lang, "requests.title"));
        if (view.requests().isEmpty()) {
            page.element("p", "id=\"requests\"", messages.text(lang, "requests.none"));
        } else {
            page.markup("<ul id=\"requests\">");
            for (UnblockRequest request : view.requests()) {
                page.markup("<li class=\"" + request.status().id() + "\">").element("strong", "class=\"name\"",
                        request.domain()).markup(": ").element("span", "class=\"status\"", status(lang, request));
                if (!request.reply().isEmpty()) {
                    page.markup("<br>").element("span", "class=\"reply\"",
                            messages.text(lang, "requests.reply", request.reply()));
                }
                page.markup("</li>");
            }
            page.markup("</ul>");
        }
        page.markup("</section><section class=\"card\">");
        helpline(page, lang);
        languageSwitch(page, lang, "/?lang=");
        return page.markup("</section>").finish();
    }

    String notFound(String language) {
        Html page = new Html(language, messages.text(language, "notFound"));
        page.markup("<section class=\"card\">").element("p", "", messages.text(language, "notFound"));
        page.markup("<p>").link("/", messages.text(language, "why.title"), "").markup("</p>");
        return page.markup("</section>").finish();
    }

    private String status(String lang, UnblockRequest request) {
        return switch (request.status()) {
            case PENDING -> messages.text(lang, "status.pending");
            case DECLINED -> messages.text(lang, "status.declined");
            case APPROVED -> request.until() == null ? messages.text(lang, "status.approvedAlways")
                    : messages.text(lang, "status.approved", times.format(request.until()));
        };
    }

    private void helpline(Html page, String language) {
        if (helpline != null) {
            page.markup("<p class=\"helpline\">").text(messages.text(language, "helpline.intro")).markup(" ")
                    .link(helpline.url(), helpline.name(), "id=\"helpline\" rel=\"noopener noreferrer\"")
                    .markup("</p>");
        }
    }

    private void languageSwitch(Html page, String language, String prefix) {
        String other = Messages.LANGUAGES.stream().filter(l -> !l.equals(language)).findFirst().orElse(language);
        page.markup("<p class=\"lang\">").link(prefix + other, messages.text(language, "lang.other"),
                "id=\"language\" lang=\"" + other + "\"").markup("</p>");
    }
}
