package io.netobs.infra.stack;

import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose stack's agent configuration loads with the agent's own loader and fits the container. */
class ComposeAgentConfigTest {
    private static final Path FILE = StackFiles.infra().resolve("docker/canary-agent.yml");

    @Test
    void loadsWithTheAgentsLoader() {
        AgentConfig config = ConfigLoader.load(FILE, Map.of());
        assertThat(config.pop()).isEqualTo("docker");
        // The image's only writable data location for the agent user, where compose mounts the spool volume.
        assertThat(config.spoolDir()).isEqualTo(Path.of("/var/lib/netobs/spool"));
        assertThat(StackFiles.yaml(StackFiles.compose()).path("services").path("canary-agent").path("volumes").toString())
                .contains("agent_spool:/var/lib/netobs/spool");
        assertThat(config.groups()).extracting(AgentConfig.ProbeGroup::type).contains("http", "ping", "tcp", "dns");
    }

    @Test
    void targetsAreComposeServicesNotLoopback() {
        AgentConfig config = ConfigLoader.load(FILE, Map.of());
        var services = StackFiles.yaml(StackFiles.compose()).path("services");
        for (AgentConfig.ProbeGroup group : config.groups()) {
            for (AgentConfig.Target target : group.targets()) {
                String host = target.target().replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
                assertThat(services.has(host)).as(group.type() + " target " + target.target() + " is a compose service").isTrue();
            }
        }
    }
}
