# netobs canary agent: ping (fping), DNS, HTTP(S), TCP and traceroute (mtr) probes publishing canary-results;
# /metrics and /health on 9101.
#
# Build from the repository root after Maven has produced the jar and its runtime dependencies:
#   mvn -B -pl producers -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib -DskipTests
#   docker build -f infra/docker/canary-agent.Dockerfile -t netobs/canary-agent:0.1.0-SNAPSHOT .
#
# Raw sockets without root: ICMP echo (fping) and mtr's probes need CAP_NET_RAW. Instead of running the agent as root
# or setuid binaries, the two helpers get the file capability cap_net_raw+ep (setcap), and the agent runs as uid 10001.
# A file capability only takes effect if the container's bounding set holds it: Docker's default set includes
# NET_RAW; infra/docker-compose.yml drops every capability and adds back NET_RAW alone (cap_drop: ALL, cap_add: NET_RAW).
# On Kubernetes: securityContext.capabilities {drop: [ALL], add: [NET_RAW]}. Without it ping/traceroute probes report
# ERROR with fping's "Operation not permitted"; DNS, HTTP and TCP probes are unaffected.
FROM eclipse-temurin:17.0.15_6-jre-jammy

ARG VERSION=0.1.0-SNAPSHOT

# fping for ping probes, mtr-tiny (mtr without X11) for traceroute probes, libcap2-bin for setcap, curl for HEALTHCHECK.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fping mtr-tiny libcap2-bin curl \
 && rm -rf /var/lib/apt/lists/* \
 && setcap cap_net_raw+ep "$(readlink -f /usr/bin/fping)" \
 && setcap cap_net_raw+ep "$(readlink -f /usr/bin/mtr-packet)" \
 && groupadd --system --gid 10001 netobs \
 && useradd --system --uid 10001 --gid netobs --home-dir /var/lib/netobs --create-home --shell /usr/sbin/nologin netobs \
 && mkdir -p /var/lib/netobs/spool \
 && chown -R netobs:netobs /var/lib/netobs

COPY producers/target/lib/ /opt/netobs/lib/
COPY producers/target/netobs-producers-${VERSION}.jar /opt/netobs/netobs-producers.jar

# The spool keeps results while Kafka is unreachable (a configuration's spool.dir overrides it). The agent listens on
# all interfaces so Prometheus can scrape it from another container.
ENV NETOBS_AGENT_SPOOL_DIR=/var/lib/netobs/spool \
    NETOBS_AGENT_HTTP_HOST=0.0.0.0 \
    NETOBS_AGENT_HTTP_PORT=9101 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/netobs/spool"]
EXPOSE 9101

# The user's home: relative data paths of a configuration (e.g. data/agent-spool) land somewhere writable.
WORKDIR /var/lib/netobs
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9101/health || exit 1
ENTRYPOINT ["java", "-cp", "/opt/netobs/netobs-producers.jar:/opt/netobs/lib/*", "io.netobs.canary.AgentMain"]
