package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    @TempDir
    Path dir;

    @Test
    void copiesThisMachinesNettyAndSqliteLibrariesOutOfTheClassPath() throws Exception {
        List<Path> written = NativeLibraries.extract(dir.resolve("native"));

        // The build and CI machines are x86-64 or aarch64 Linux, for which both jars carry one.
        assertThat(written).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("libnetty_transport_native_epoll_"))
                .contains(NativeLibraries.SQLITE);
        for (Path library : written) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(library), 4);
            assertThat(head).as("%s is an ELF shared object", library).containsExactly(0x7f, 'E', 'L', 'F');
        }
        try (var files = Files.list(dir.resolve("native"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }
}
