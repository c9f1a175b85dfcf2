#!/usr/bin/env bash
# make lint: swift-format (the toolchain's `swift format`) over Sources/, failing on the rules that
# keep a bad cell from killing a batch: no force unwrap, no force try, no implicitly unwrapped
# optionals. Its layout findings (indentation, line breaks, line length) are not enforced yet.
# EduBench is left out: a benchmark driver that reads only the files it generates.
set -uo pipefail
cd "$(dirname "$0")/../.."
enforced='NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals'
files=$(find Sources -name '*.swift' -not -path 'Sources/EduBench/*' | sort)
# shellcheck disable=SC2086
findings=$(swift format lint --configuration .swift-format $files 2>&1 | grep -E "\[($enforced)\]")
if [ -n "$findings" ]; then
  echo "$findings"
  echo "lint: $(echo "$findings" | wc -l) finding(s): unwrap with guard/if let or ?? instead (a trap on one cell kills the batch)"
  exit 1
fi
echo "lint: no force unwrap, force try or implicitly unwrapped optional in Sources/ (EduBench aside)"
