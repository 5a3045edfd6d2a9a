#!/usr/bin/env bash
# Soak of the sample chatbot against a healthy, a failing (HTTP 500) and, if asked, a hung OTLP
# receiver. Not part of CI: it takes a few minutes. Prints failed requests, spans lost, heap after
# GC and shutdown time for each mode.
#
#   scripts/soak.sh [requests] [modes...]      e.g. scripts/soak.sh 10000 healthy failing hung
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-10000}"
shift || true
modes=("$@")
if [ ${#modes[@]} -eq 0 ]; then modes=(healthy failing); fi

mvn -B -ntp -q -pl sample-chatbot-app -am package -DskipTests
jar=$(ls sample-chatbot-app/target/sample-chatbot-app-*.jar | grep -v original | head -1)
classpath_file=$(mktemp)
mvn -B -ntp -q -pl cascade-llm-emulator dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=compile
java -cp "$(cat "$classpath_file")" scripts/Soak.java "$jar" "$requests" "${modes[@]}"
rm -f "$classpath_file"
