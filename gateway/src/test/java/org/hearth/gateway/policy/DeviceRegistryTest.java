package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRegistryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T05:00:00Z");

    @Test
    void remembersFirstAndLastSeenAndKeepsAHostnameOnceLearnt() {
        DeviceRegistry r = new DeviceRegistry(10);
        r.seen("mac:aa:bb:cc:dd:ee:77", T0.toEpochMilli(), "192.168.1.77", "aa:bb:cc:dd:ee:77", "visitor-phone");
        r.seen("mac:aa:bb:cc:dd:ee:77", T0.plusSeconds(30).toEpochMilli(), "192.168.1.77", "aa:bb:cc:dd:ee:77", null);
        assertThat(r.all().get(0).lastSeen()).isEqualTo(T0.plusSeconds(30));
        r.seen("mac:aa:bb:cc:dd:ee:77", T0.plusSeconds(3600).toEpochMilli(), "fd00::77", "aa:bb:cc:dd:ee:77", null);
        SeenDevice d = r.all().get(0);
        assertThat(d.firstSeen()).isEqualTo(T0);
        assertThat(d.lastSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(d.ip()).isEqualTo("fd00::77");
        assertThat(d.hostname()).isEqualTo("visitor-phone");
    }

    @Test
    void firstSeenListenerHearsEachNewDeviceOnceAndNotTheLoadedOnes() {
        DeviceRegistry r = new DeviceRegistry(10);
        r.load(java.util.List.of(new SeenDevice("ip:old", T0, T0, "192.168.1.5", null, null)));
        java.util.List<String> heard = new java.util.ArrayList<>();
        r.onFirstSeen(d -> heard.add(d.id() + " " + d.ip()));
        r.seen("ip:old", T0.plusSeconds(3600).toEpochMilli(), "192.168.1.5", null, null);
        r.seen("ip:new", T0.toEpochMilli(), "192.168.1.6", null, null);
        r.seen("ip:new", T0.plusSeconds(3600).toEpochMilli(), "192.168.1.6", null, "tablet");
        assertThat(heard).containsExactly("ip:new 192.168.1.6");
    }

    @Test
    void staysWithinCapacityByForgettingTheDeviceSeenLongestAgo() {
        DeviceRegistry r = new DeviceRegistry(2);
        r.seen("ip:a", T0.toEpochMilli(), "a", null, null);
        r.seen("ip:b", T0.plusSeconds(60).toEpochMilli(), "b", null, null);
        r.seen("ip:c", T0.plusSeconds(120).toEpochMilli(), "c", null, null);
        assertThat(r.all()).extracting(SeenDevice::id).containsExactly("ip:c", "ip:b");
    }

    @Test
    void savesOnlyWhenChangedAndLoadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices-seen.json");
        DeviceRegistry r = new DeviceRegistry(10);
        DeviceRegistryFile store = new DeviceRegistryFile(file, r);
        r.seen("ip:127.0.0.9", T0.toEpochMilli(), "127.0.0.9", null, "lab-pc-9");
        assertThat(store.saveIfChanged()).isTrue();
        assertThat(store.saveIfChanged()).isFalse();

        DeviceRegistry again = new DeviceRegistry(10);
        new DeviceRegistryFile(file, again).load();
        assertThat(again.all()).isEqualTo(r.all());
    }

    @Test
    void theFileIsWorthWritingForANewLastSeenOnlyAMinuteOnButAtOnceForAnyOtherChange(@TempDir Path dir)
            throws Exception {
        DeviceRegistry r = new DeviceRegistry(10);
        DeviceRegistryFile store = new DeviceRegistryFile(dir.resolve("devices-seen.json"), r);
        r.seen("ip:a", T0.toEpochMilli(), "192.168.1.5", null, null);
        assertThat(store.saveIfChanged()).as("a new device").isTrue();
        r.seen("ip:a", T0.plusSeconds(59).toEpochMilli(), "192.168.1.5", null, null);
        assertThat(store.saveIfChanged()).as("seen again within the minute").isFalse();
        r.seen("ip:a", T0.plusSeconds(60).toEpochMilli(), "192.168.1.5", null, null);
        assertThat(store.saveIfChanged()).as("seen a minute after the saved time").isTrue();
        r.seen("ip:a", T0.plusSeconds(61).toEpochMilli(), "192.168.1.5", null, "laptop");
        assertThat(store.saveIfChanged()).as("a hostname learnt").isTrue();
        r.forget("ip:a");
        assertThat(store.saveIfChanged()).as("forgotten").isTrue();
        assertThat(store.saveIfChanged()).isFalse();
    }

    @Test
    void aDeviceBackAfterDaysIsSavedThoughAnotherWasSavedAMomentAgoAndLoadedTimesToo(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("devices-seen.json");
        DeviceRegistry r = new DeviceRegistry(10);
        DeviceRegistryFile store = new DeviceRegistryFile(file, r);
        r.seen("ip:old", T0.toEpochMilli(), "192.168.1.5", null, null);
        r.seen("ip:busy", T0.plusSeconds(10 * 86400).toEpochMilli(), "192.168.1.6", null, null);
        assertThat(store.saveIfChanged()).isTrue();
        r.seen("ip:old", T0.plusSeconds(10 * 86400 + 20).toEpochMilli(), "192.168.1.5", null, null);
        assertThat(store.saveIfChanged()).as("back after ten days, 20 s after the last save").isTrue();

        DeviceRegistry again = new DeviceRegistry(10);
        DeviceRegistryFile reloaded = new DeviceRegistryFile(file, again);
        reloaded.load();
        again.seen("ip:busy", T0.plusSeconds(12 * 86400).toEpochMilli(), "192.168.1.6", null, null);
        assertThat(reloaded.saveIfChanged()).as("after a restart too").isTrue();
        again.seen("ip:busy", T0.plusSeconds(12 * 86400 + 5).toEpochMilli(), "192.168.1.6", null, null);
        assertThat(reloaded.saveIfChanged()).isFalse();
        assertThat(reloaded.saveAnyChange()).as("the last save before a stop takes any newer time").isTrue();
        DeviceRegistry third = new DeviceRegistry(10);
        new DeviceRegistryFile(file, third).load();
        assertThat(third.all().get(0).lastSeen()).isEqualTo(T0.plusSeconds(12 * 86400 + 5));
    }

    @Test
    void unreadableFileIsSetAsideNotLost(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("devices-seen.json"), "{not json");
        DeviceRegistry r = new DeviceRegistry(10);
        new DeviceRegistryFile(file, r).load();
        assertThat(r.all()).isEmpty();
        assertThat(dir.resolve("devices-seen.json.bad")).hasContent("{not json");
    }
}
