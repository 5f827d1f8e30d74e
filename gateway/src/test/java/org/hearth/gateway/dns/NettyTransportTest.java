package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.background.ShortSlice;
import org.hearth.gateway.testsupport.ThreadStat;
import org.junit.jupiter.api.Test;

class NettyTransportTest {

    /**
     * A Linux thread takes its nice value from the thread that creates it, and Netty creates a loop's
     * thread on its first task. The interface rescan, at nice 19, binds sockets on the group: the
     * loops must all have started already, at the creator's priority.
     */
    @Test
    void everyLoopRunsAtTheCreatorsNiceWhoeverUsesItFirst() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "Linux /proc");
        int creatorNice = nice();
        assumeTrue(creatorNice < 19, "the test itself runs at nice 19");
        try (NettyTransport transport = NettyTransport.create(4, true)) {
            CompletableFuture<List<Integer>> seen = new CompletableFuture<>();
            Thread lowered = BackgroundThreads.named("test-lowered").newThread(() -> {
                try {
                    assertThat(nice()).as("the submitting thread").isEqualTo(19);
                    List<Integer> nices = new ArrayList<>();
                    for (var loop : transport.group()) {
                        nices.add(loop.submit(NettyTransportTest::nice).get(5, TimeUnit.SECONDS));
                    }
                    seen.complete(nices);
                } catch (Throwable e) {
                    seen.completeExceptionally(e);
                }
            });
            lowered.start();

            assertThat(seen.get(10, TimeUnit.SECONDS)).hasSize(4).containsOnly(creatorNice);
        }
    }

    private static int nice() throws IOException {
        return ThreadStat.nice(ShortSlice.currentThreadId());
    }
}
