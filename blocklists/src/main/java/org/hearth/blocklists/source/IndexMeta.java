package org.hearth.blocklists.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The text stored inside the index file beside the hashes: which sources it was built from (a
 * fingerprint, to know when the config changed) and each source's figures, for {@code lists stats}.
 */
public record IndexMeta(String fingerprint, List<SourceStatus> sources) {

    public IndexMeta {
        sources = List.copyOf(sources);
    }

    /** Changes whenever a source is added, removed, renamed, re-tagged or moved. */
    public static String fingerprint(List<ListSource> sources) {
        CRC32C crc = new CRC32C();
        StringBuilder all = new StringBuilder();
        for (ListSource s : sources) {
            all.append(s.name()).append('\0').append(s.category().id()).append('\0').append(s.location()).append('\n');
        }
        byte[] bytes = all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        crc.update(bytes);
        return HexFormat.of().toHexDigits(crc.getValue()) + "-" + sources.size() + "-" + bytes.length;
    }

    public String encode() {
        StringBuilder out = new StringBuilder("fingerprint\t").append(fingerprint).append('\n');
        for (SourceStatus s : sources) {
            out.append("source\t").append(clean(s.name())).append('\t').append(clean(s.category())).append('\t')
                    .append(s.entries()).append('\t').append(s.lastSuccess() == null ? "-" : s.lastSuccess())
                    .append('\t').append(s.lastError() == null ? "-" : clean(s.lastError())).append('\t')
                    .append(clean(s.location())).append('\n');
        }
        return out.toString();
    }

    public static IndexMeta decode(String text) {
        String fingerprint = "";
        List<SourceStatus> sources = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("fingerprint") && f.length == 2) {
                fingerprint = f[1];
            } else if (f[0].equals("source") && f.length == 7) {
                sources.add(new SourceStatus(f[1], f[2], f[6], Long.parseLong(f[3]),
                        f[4].equals("-") ? null : Instant.parse(f[4]), f[5].equals("-") ? null : f[5], null));
            }
        }
        return new IndexMeta(fingerprint, sources);
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
