package org.hearth.blocklists.format;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a list in any supported syntax, gzip or plain, and streams its rules to a sink. A bad line
 * never fails the list (it is counted); only an unreadable stream does, including a truncated gzip,
 * so a half-downloaded file is never taken for a short list.
 */
public final class ListReader {

    private static final int SNIFF_BYTES = 64 * 1024;

    private ListReader() {}

    public static ParseReport read(Path file, RuleSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, sink);
        }
    }

    /** Detects gzip and the syntax, then parses. The stream is read to its end, not closed. */
    public static ParseReport read(InputStream raw, RuleSink sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream body = (b1 == 0x1f && b2 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(in, 65536),
                SNIFF_BYTES) : in;
        return readText(body, sink, null);
    }

    /** As {@link #read(InputStream, RuleSink)} with the syntax given instead of detected. */
    public static ParseReport readText(InputStream body, RuleSink sink, ListFormat forced) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), SNIFF_BYTES);
        ListFormat format = forced;
        if (format == null) {
            reader.mark(SNIFF_BYTES);
            List<String> sample = new ArrayList<>();
            int read = 0;
            String line;
            while (sample.size() < FormatDetector.SAMPLE_LINES && (line = reader.readLine()) != null) {
                read += line.length() + 2;
                if (read >= SNIFF_BYTES - 1024) {
                    break; // stay inside the mark so reset() works
                }
                sample.add(stripBom(line));
            }
            reader.reset();
            format = FormatDetector.detect(sample);
        }
        ParseState state = new ParseState(sink);
        if (format == ListFormat.RPZ) {
            new RpzParser().parse(reader, state);
        } else {
            LineParser parser = format.parser();
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    line = stripBom(line);
                }
                if (line.isBlank()) {
                    continue;
                }
                state.at(lineNo, line.strip());
                parser.parse(line, state);
            }
        }
        return state.report(format);
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
