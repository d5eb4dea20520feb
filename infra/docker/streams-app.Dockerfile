# netobs streams app: Kafka Streams topology + HTTP API (/metrics, /health, /api) on 8080.
#
# Build from the repository root after Maven has produced the jar and its runtime dependencies:
#   mvn -B -pl streams-app -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib -DskipTests
#   docker build -f infra/docker/streams-app.Dockerfile -t netobs/streams-app:0.1.0-SNAPSHOT .
# (infra/docker-compose.yml does the docker build step itself.)
FROM eclipse-temurin:17.0.15_6-jre-jammy

ARG VERSION=0.1.0-SNAPSHOT

# curl only serves the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 netobs \
 && useradd --system --uid 10001 --gid netobs --home-dir /var/lib/netobs --create-home --shell /usr/sbin/nologin netobs \
 && mkdir -p /var/lib/netobs/streams \
 && chown -R netobs:netobs /var/lib/netobs

COPY streams-app/target/lib/ /opt/netobs/lib/
COPY streams-app/target/netobs-streams-app-${VERSION}.jar /opt/netobs/netobs-streams-app.jar

# Kafka Streams state (RocksDB) lives under NETOBS_STATE_DIR; a volume there makes restarts restore less from the
# changelogs.
ENV NETOBS_STATE_DIR=/var/lib/netobs/streams \
    NETOBS_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/netobs/streams"]
EXPOSE 8080

# The user's home: relative data paths of a configuration (e.g. data/agent-spool) land somewhere writable.
WORKDIR /var/lib/netobs
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-cp", "/opt/netobs/netobs-streams-app.jar:/opt/netobs/lib/*", "io.netobs.streams.StreamsMain"]
