#!/usr/bin/env bash
# The library's includes run one way, down the layers (docs/architecture.md): the checker
# passes on the source tree and fails on a copy where a lower layer includes a higher one.
source "$(dirname "$0")/lib.sh"
setup
checker="$CRM_SOURCE_DIR/tests/layers/check-includes"

bash "$checker" "$CRM_SOURCE_DIR" >"$T/io/out" 2>"$T/io/err" || fail "the source tree includes up a layer: $(cat "$T/io/err")"
assert_contains "$(cat "$T/io/out")" "ok:" "checker on the source tree"

# A copy with one include that runs back up: kinds may not see the store.
mkdir -p copy
cp -r "$CRM_SOURCE_DIR/include" "$CRM_SOURCE_DIR/src" copy/
printf '#include "crm/store/paths.h"\n' >>copy/src/kinds/record.cpp
if bash "$checker" "$PWD/copy" >"$T/io/out" 2>"$T/io/err"; then
  fail "the checker passed a kinds file that includes the store"
fi
assert_contains "$(cat "$T/io/err")" "src/kinds/record.cpp: the kinds layer includes the store layer" \
  "the checker names the file and the layers"
ok

# A folder that is no layer is reported too.
rm -rf copy && mkdir -p copy && cp -r "$CRM_SOURCE_DIR/include" "$CRM_SOURCE_DIR/src" copy/
mkdir -p copy/src/widgets && printf '#include "crm/base/text.h"\n' >copy/src/widgets/x.cpp
if bash "$checker" "$PWD/copy" >"$T/io/out" 2>"$T/io/err"; then
  fail "the checker passed an unknown layer folder"
fi
assert_contains "$(cat "$T/io/err")" "src/widgets/: a folder that is no layer" "unknown layer"
ok
finish
