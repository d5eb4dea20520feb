#!/usr/bin/env bash
# Probes the same loopback HTTP, HTTPS and HTTP/2 servers with netobs' HTTP probe and with
# blackbox_exporter (Debian: prometheus-blackbox-exporter; the binary is started on a loopback port with
# its own config, never the system service) and prints each phase's median side by side, then the exact
# checks. Usage: producers/http-parity.sh [rounds, default 20] [unrecorded warm-up rounds, default 30].
# Exit status 1 if an exact check differs. JAVA_OPTS goes to the JVM, e.g.
# JAVA_OPTS=-Dsun.net.httpserver.nodelay=false to leave Nagle on in the JDK test server (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}"
warmup="${2:-30}"
# Compiles through the reactor without installing anything; the classpath names the sibling modules' target/classes.
mvn -B -q -pl producers -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/http-parity.classpath
exec java ${JAVA_OPTS:-} -cp "producers/target/test-classes:producers/target/classes:$(cat producers/target/http-parity.classpath)" \
    io.netobs.canary.probe.HttpParity "$rounds" "$warmup"
