#!/usr/bin/env bash
# Scores the reply-text extractor of this working tree on replies with known expected text.
#
#   scripts/measure-reply-text.sh --trimmer DIR   # email_reply_trimmer's public fixtures
#   scripts/measure-reply-text.sh --corpus [DIR]  # the project's own corpus (default: its folder)
#   add --verbose to print the expected and the actual text of every case that is not exact
#
# DIR for --trimmer is a folder holding that project's test/emails and test/trimmed (they are
# another project's text: unpack them outside this repository, never commit them). Prints one line
# per case that is not exact and a table of exact / soft / nothing-lost scores per category
# (docs/reply-text.md explains them); the scorer is ReplyTextScore in inbound's test tree. Builds
# the inbound module and its tests first (mvn test-compile, no install);
# set MVN_ARGS=-o to build offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus)
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then args+=(--corpus "$2"); shift
      else args+=(--corpus "$root/inbound/src/test/resources/reply-corpus"); fi ;;
    --trimmer)
      [ $# -gt 1 ] || { echo "--trimmer needs the folder of the fixtures" >&2; exit 2; }
      args+=(--trimmer "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -gt 0 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
cp_file="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$cp_file" "$log"' EXIT
if ! (cd "$root" && mvn -B -ntp -q -Dstyle.color=never ${MVN_ARGS:-} -pl inbound -am -DskipTests test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test >"$log" 2>&1); then
  cat "$log" >&2
  echo "the build of the inbound module failed (above)" >&2
  exit 1
fi
cp="$root/inbound/target/test-classes:$root/inbound/target/classes:$(cat "$cp_file")"
exec java -cp "$cp" dev.mailwright.inbound.reply.ReplyTextScore "${args[@]}"
