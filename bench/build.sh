#!/usr/bin/env bash
# Builds the three artifacts the benchmarks compare into bench/work/:
#   jar/    the fast-jar (target/quarkus-app), run with java -jar
#   aot/    the aot-jar layout (-Paot) with a JDK AOT cache, fbx.aot, recorded by one `--help`
#   fbx     the native binary
# Needs JDK 25 (FBX_JDK25) and a native-image (GRAALVM_HOME, default /opt/ni-tc: see
# ../shared/native-toolchain/README.md). About ten minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK25=${FBX_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export GRAALVM_HOME=${GRAALVM_HOME:-/opt/ni-tc}
W=bench/work
rm -rf "$W" && mkdir -p "$W"

JAVA_HOME=$JDK25 ./mvnw -B -q package -DskipTests
cp -r target/quarkus-app "$W/jar"

# The aot-jar layout, and a cache recorded at its absolute path so it works from any directory
# (docs/native.md's recipe for an installed fbx).
JAVA_HOME=$JDK25 ./mvnw -B -q package -Paot -DskipTests
cp -r target/quarkus-app "$W/aot"
AOT=$(cd "$W/aot" && pwd)
"$JDK25/bin/java" -XX:AOTCacheOutput="$AOT/fbx.aot" -jar "$AOT/quarkus-run.jar" --help >/dev/null

JAVA_HOME=$JDK25 ./mvnw -B -q package -Pnative -DskipTests
cp target/fbx-runner "$W/fbx"
ls -l "$W/fbx" "$W/aot/fbx.aot"
