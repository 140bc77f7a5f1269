#!/usr/bin/env bash
# Knowledge search benchmark: for the Lucene backend, then the Elasticsearch backend (on the test node, started here
# in its own JVM as the tests do): retrieval quality on the seed content, indexing rate, latency and throughput.
# Usage: knowledge-service/bench.sh [entries=10000] [seconds=10] [backends=lucene,elasticsearch]
# (from the repository root; -Dlingxi.test.elasticsearch.url=... in JAVA_OPTS uses a running node instead)
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
# the Elasticsearch node gets the full JIT here (the tests' node stops at C1 to start faster)
exec java -Xms1g -Xmx1g "-Dlingxi.test.elasticsearch.java-options=-Xms512m -Xmx512m -XX:+UseSerialGC" ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
