#!/usr/bin/env bash
# Knowledge search benchmark: retrieval quality on the seed content, indexing rate, latency and throughput of the
# Lucene backend. Usage: knowledge-service/bench.sh [entries=10000] [seconds=10]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl knowledge-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd knowledge-service
exec java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.lingxi.knowledge.search.KnowledgeBenchmark "$@"
