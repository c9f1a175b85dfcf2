#!/usr/bin/env bash
# make lint: swift-format (the toolchain's `swift format`) over Sources/, failing on the rules that
# keep a bad cell from killing a batch: no force unwrap, no force try, no implicitly unwrapped
# optionals; and no line longer than 160 characters (counted as characters, not bytes: a line of
# Chinese text is as long as it looks). swift-format's other layout findings are not enforced.
# BuiltInDefaults.swift is generated from Pipelines/ (make defaults) and holds the YAML as written.
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
long=$(python3 - $files <<'PY'
import sys
for path in sys.argv[1:]:
    if path.endswith("BuiltInDefaults.swift"):
        continue
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if len(line.rstrip("\n")) > 160:
                print(f"{path}:{number}: {len(line.rstrip())} characters [LineLength]")
PY
)
if [ -n "$long" ]; then
  echo "$long"
  echo "lint: $(echo "$long" | wc -l) line(s) longer than 160 characters: break them"
  exit 1
fi
echo "lint: no force unwrap, force try or implicitly unwrapped optional, and no line over 160 characters, in Sources/ (EduBench aside)"
