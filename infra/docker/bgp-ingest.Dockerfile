# netobs BGP ingester: RIS Live websocket client (or replay file) publishing bgp-updates; /metrics and /health on 9102.
#
# Build from the repository root after Maven has produced the jar and its runtime dependencies:
#   mvn -B -pl bgp-ingest -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib -DskipTests
#   docker build -f infra/docker/bgp-ingest.Dockerfile -t netobs/bgp-ingest:0.1.0-SNAPSHOT .
FROM eclipse-temurin:17.0.15_6-jre-jammy

ARG VERSION=0.1.0-SNAPSHOT

# curl only serves the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 netobs \
 && useradd --system --uid 10001 --gid netobs --home-dir /var/lib/netobs --create-home --shell /usr/sbin/nologin netobs

COPY bgp-ingest/target/lib/ /opt/netobs/lib/
COPY bgp-ingest/target/netobs-bgp-ingest-${VERSION}.jar /opt/netobs/netobs-bgp-ingest.jar

ENV NETOBS_INGEST_HTTP_PORT=9102 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 9102

# The user's home: relative data paths of a configuration (e.g. data/agent-spool) land somewhere writable.
WORKDIR /var/lib/netobs
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9102/health || exit 1
ENTRYPOINT ["java", "-cp", "/opt/netobs/netobs-bgp-ingest.jar:/opt/netobs/lib/*", "io.netobs.bgp.ingest.IngestMain"]
