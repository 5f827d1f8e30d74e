package org.hearth.gateway.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Refuses, before Javalin sees it, a request path with a dot segment, a backslash or a NUL, plain
 * or percent-encoded: no page or API path has one. Jetty's parser refuses most such paths itself,
 * but it normalises {@code /admin-ui/../x} to {@code /x} while Javalin's static-file lookup reads
 * the raw path; Jetty's alias check then stops the lookup leaving the folder, with a 500 and an
 * ERROR in the log for each try. The filter makes it a quiet 400 whatever the spelling, and is one
 * more wall in front of the files (AdminSecurityTest).
 */
final class PathFilter implements Filter {

    private static final Pattern ODD_PATH = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|;|$)|\\\\|%5c|%00",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] REFUSAL = "{\"error\":\"not a path this server has\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = ((HttpServletRequest) request).getRequestURI();
        if (uri != null && ODD_PATH.matcher(uri).find()) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(400);
            http.setContentType("application/json");
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Cache-Control", "no-store");
            http.setContentLength(REFUSAL.length);
            http.getOutputStream().write(REFUSAL);
            return;
        }
        chain.doFilter(request, response);
    }
}
