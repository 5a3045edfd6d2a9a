#!/usr/bin/env bash
# App-level comparison (issue 11). Not part of CI. Builds one small Spring MVC application (an
# endpoint that opens a run and an agent and calls one @Tool bean) in six variants and loads each
# with wrk on loopback, in interleaved rounds:
#   nostarter  the application without Cascade (same endpoint and bean, untraced)
#   disabled   with cascade-spring-boot-starter and cascade.enabled=false
#   starter    with the starter, exporting every span to a local OTLP sink
#   boot       without Cascade, with Boot's own OpenTelemetry tracing at 100% exported to the same sink
#   bootspans  as boot, and the same run, agent and tool spans (tool arguments and result as JSON) made
#              with Boot's own tools, nested Micrometer observations: what exporting the spans the
#              starter exports costs without Cascade
#   otelspans  as boot, and the same spans made by hand with the raw OpenTelemetry API and Jackson:
#              the floor (FloorBenchmark) at the application level
# Prints requests/s per variant and round, and the ratios disabled/nostarter, starter/boot,
# starter/bootspans and starter/otelspans with their spread (median, min, max over rounds), with the
# load average before and after.
#
#   scripts/app-compare.sh [rounds] [seconds]        defaults: 3 rounds, 10 s warm-up + 10 s measured
# Environment: JAVA (default JDK 17), CONNECTIONS (16), THREADS (1), PORT (18080), SINK_PORT (14318).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
seconds="${2:-10}"
java="${JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
javac="$(dirname "$java")/javac"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
port="${PORT:-18080}"
sink_port="${SINK_PORT:-14318}"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
	echo "Installing wrk (Debian package)"; apt-get install -y wrk >/dev/null
fi

echo "Resolving classpaths and building (offline)"
mvn -B -ntp -o -q -pl cascade-spring-boot-starter -am package dependency:build-classpath -DskipTests \
	-Dmdep.outputFile="$work/cp-starter.txt" >/dev/null
mvn -B -ntp -o -q -f scripts/app-compare/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp-plain.txt" >/dev/null
mvn -B -ntp -o -q -f scripts/app-compare/pom.xml -P boot-otel dependency:build-classpath \
	-Dmdep.outputFile="$work/cp-boot.txt" >/dev/null
autoconfigure=$(ls cascade-spring-boot-autoconfigure/target/cascade-spring-boot-autoconfigure-*.jar | grep -v -e sources -e javadoc | head -1)
cp_plain=$(cat "$work/cp-plain.txt")
cp_starter="$autoconfigure:$(cat "$work/cp-starter.txt"):$cp_plain"
cp_boot=$(cat "$work/cp-boot.txt")
mkdir -p "$work/plain" "$work/cascade" "$work/bootspans" "$work/otelspans"
"$javac" --release 17 -parameters -cp "$cp_plain" -d "$work/plain" scripts/app-compare/plain/src/demo/*.java
"$javac" --release 17 -parameters -cp "$cp_starter" -d "$work/cascade" scripts/app-compare/cascade/src/demo/*.java
"$javac" --release 17 -parameters -cp "$cp_boot" -d "$work/bootspans" scripts/app-compare/bootspans/src/demo/*.java
"$javac" --release 17 -parameters -cp "$cp_boot" -d "$work/otelspans" scripts/app-compare/otelspans/src/demo/*.java

"$java" scripts/app-compare/OtlpSink.java "$sink_port" 2>"$work/sink.log" &
pids+=($!)

common=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch -Dserver.port="$port" -Dspring.main.banner-mode=off
	-Dlogging.level.root=warn -Dserver.tomcat.accesslog.enabled=false)
sink="http://127.0.0.1:$sink_port/v1/traces"
declare -A cp opts
cp[nostarter]="$work/plain:$cp_plain";      opts[nostarter]=""
cp[disabled]="$work/cascade:$cp_starter";   opts[disabled]="-Dcascade.enabled=false"
cp[starter]="$work/cascade:$cp_starter";    opts[starter]="-Dcascade.endpoint=$sink -Dcascade.api-key=bench"
cp[boot]="$work/plain:$cp_boot";            opts[boot]="-Dmanagement.tracing.sampling.probability=1.0 -Dmanagement.opentelemetry.tracing.export.otlp.endpoint=$sink"
cp[bootspans]="$work/bootspans:$cp_boot";   opts[bootspans]="${opts[boot]}"
cp[otelspans]="$work/otelspans:$cp_boot";   opts[otelspans]="${opts[boot]}"
variants=(nostarter disabled starter boot bootspans otelspans)
declare -A rps

run_variant() {
	local variant=$1 round=$2
	# shellcheck disable=SC2086
	"$java" "${common[@]}" ${opts[$variant]} -cp "${cp[$variant]}" demo.DemoApplication >"$work/$variant.log" 2>&1 &
	local app=$!
	for _ in $(seq 1 120); do
		curl -sf "http://127.0.0.1:$port/plan" >/dev/null 2>&1 && break
		sleep 0.5
	done
	wrk -t"$threads" -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port/plan" >/dev/null
	local result
	result=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port/plan" | awk '/Requests\/sec/ {print $2}')
	kill "$app"; wait "$app" 2>/dev/null || true
	rps[$variant,$round]=$result
	printf '  round %d  %-10s %10s req/s   load %s\n' "$round" "$variant" "$result" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
	# Rotate the order each round so no variant always runs first or last.
	for i in "${!variants[@]}"; do
		run_variant "${variants[$(((i + round - 1) % ${#variants[@]}))]}" "$round"
	done
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

ratio_line() {
	local name=$1 num=$2 den=$3 values=()
	for round in $(seq 1 "$rounds"); do
		values+=("$(awk -v a="${rps[$num,$round]}" -v b="${rps[$den,$round]}" 'BEGIN { printf "%.3f", a / b }')")
	done
	printf '%s\n' "${values[@]}" | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
		med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%-22s median %.3f  min %.3f  max %.3f  (rounds: %d)\n", name, med, v[1], v[NR], NR }'
}
echo
for variant in "${variants[@]}"; do
	line="$variant"
	for round in $(seq 1 "$rounds"); do line="$line ${rps[$variant,$round]}"; done
	echo "$line" | awk '{ printf "%-10s", $1; for (i = 2; i <= NF; i++) printf " %10s", $i; print "  req/s" }'
done
echo
ratio_line "disabled / nostarter" disabled nostarter
ratio_line "starter / boot" starter boot
ratio_line "starter / bootspans" starter bootspans
ratio_line "starter / otelspans" starter otelspans
kill "${pids[0]}" 2>/dev/null || true; wait "${pids[0]}" 2>/dev/null || true
cat "$work/sink.log"
