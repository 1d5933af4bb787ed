#!/usr/bin/env bash
# expect.sh CODE REGEX [--absent PATH] -- COMMAND...
# Runs COMMAND; passes when it exits with CODE and its stdout+stderr match the extended REGEX
# (and PATH, if given, does not exist afterwards: nothing was written).
set -u
code=$1 regex=$2
shift 2
absent=""
if [ "$1" = "--absent" ]; then absent=$2; shift 2; fi
[ "$1" = "--" ] && shift
output=$("$@" 2>&1)
actual=$?
status=0
if [ "$actual" -ne "$code" ]; then echo "exit code $actual, expected $code"; status=1; fi
if ! grep -Eq -- "$regex" <<<"$output"; then echo "output does not match /$regex/"; status=1; fi
if [ -n "$absent" ] && [ -e "$absent" ]; then echo "$absent was written"; status=1; fi
[ $status -eq 0 ] || { echo "--- command: $*"; echo "--- output:"; echo "$output" | head -40; }
exit $status
