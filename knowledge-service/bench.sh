#!/usr/bin/env bash
# Knowledge search benchmark: retrieval quality on the seed content, indexing rate, latency and throughput of the
# Lucene backend. Usage: knowledge-service/bench.sh [entries=10000] [seconds=10]   (from the repository root)
# knowledge-service/bench.sh es-recheck [entries=10000] [rounds=3000]: on the test Elasticsearch node, the cost of the
# check that keeps several instances in step (see ElasticsearchRecheckBenchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl knowledge-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd knowledge-service
main=io.lingxi.knowledge.search.KnowledgeBenchmark
if [ "${1:-}" = es-recheck ]; then
    main=io.lingxi.knowledge.search.ElasticsearchRecheckBenchmark
    shift
fi
exec java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
