package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.bgp.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpkiTest {
    static final Path VRP = Path.of("src/test/resources/bgp/vrp");

    @TempDir
    Path dir;

    private Path install(String fixture, Instant mtime) throws IOException {
        Path file = dir.resolve("vrps.json");
        Files.copy(VRP.resolve(fixture), file, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    @Test
    void shouldSwapInTheNewSetWhenTheFileChanges() throws IOException {
        Path file = install("bgpalerter_roas.before.json", Instant.parse("2024-01-01T00:00:00Z"));
        try (Rpki rpki = new Rpki(file)) {
            assertThat(rpki.get().validate(Cidr.parse("2.3.4.0/24"), 2914L)).isEqualTo(VrpSet.Status.VALID);
            assertThat(rpki.reloadIfChanged()).as("unchanged file").isFalse();

            install("bgpalerter_roas.after.json", Instant.parse("2024-01-01T00:10:00Z"));
            assertThat(rpki.reloadIfChanged()).isTrue();
            assertThat(rpki.get().validate(Cidr.parse("2.3.4.0/24"), 2914L)).isEqualTo(VrpSet.Status.NOT_FOUND);
        }
    }

    @Test
    void shouldKeepThePreviousSetWhenAReloadFails() throws IOException {
        Path file = install("stayrtr_smalltest.rpki.json", Instant.parse("2024-01-01T00:00:00Z"));
        try (Rpki rpki = new Rpki(file)) {
            Files.writeString(file, "{\"roas\": [ {\"asn\": 1, \"prefix\"");
            assertThat(rpki.reloadIfChanged()).isFalse();
            assertThat(rpki.get().size()).isEqualTo(2);
            assertThat(rpki.get().validate(Cidr.parse("1.0.0.0/24"), 13335L)).isEqualTo(VrpSet.Status.VALID);
        }
    }

    @Test
    void shouldBeAbsentWithoutTheEnvironmentVariable() throws IOException {
        assertThat(Rpki.fromEnv(Map.of())).isEmpty();
    }
}
