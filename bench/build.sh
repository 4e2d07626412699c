#!/usr/bin/env bash
# Builds the three artifacts the benchmarks compare into bench/work/:
#   jar/    the fast-jar (target/quarkus-app), run with java -jar
#   aot/    the same with a JDK AOT cache (app.aot), recorded while the *IT tests run (-Paot)
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

JAVA_HOME=$JDK25 ./mvnw -B -q verify -Paot -DskipUnitTests
[[ -f target/quarkus-app/app.aot ]] || { echo "no target/quarkus-app/app.aot: the AOT build failed" >&2; exit 1; }
cp -r target/quarkus-app "$W/aot"

JAVA_HOME=$JDK25 ./mvnw -B -q package -Pnative -DskipTests
cp target/fbx-runner "$W/fbx"
ls -l "$W/fbx" "$W/aot/app.aot"
