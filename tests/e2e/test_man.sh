# The manual page: built with crm (build/crm.1, written by `crm __man` from the command tree),
# installed by `cmake --install` to share/man/man1, naming every noun, and rendered by groff
# without a warning.
source "$(dirname "$0")/lib.sh"
setup

build_dir="$(dirname "$CRM_BIN")"
[[ -f "$build_dir/CMakeCache.txt" ]] || fail "no CMake build directory at $build_dir (from CRM_BIN)"
ok
run cmake --install "$build_dir" --prefix "$T/prefix"
assert_exit 0 "cmake --install"
page="$T/prefix/share/man/man1/crm.1"
assert_file_exists "$page"
assert_file_exists "$T/prefix/bin/crm"

# The installed page is what the binary prints now (the build keeps it current).
run crm __man
assert_exit 0 "crm __man"
cmp -s "$page" "$OUT_FILE" || fail "the installed crm.1 differs from what crm __man prints"
ok
text="$(cat "$page")"
for section in NAME SYNOPSIS DESCRIPTION "GLOBAL OPTIONS" COMMANDS "EXIT STATUS" ENVIRONMENT \
  FILES "SEE ALSO"; do
  assert_contains "$text" ".SH $section" "the page's sections"
done
assert_contains "$text" '\-\-format' "options are written with \\-"
assert_not_contains "$text" "__complete" "the page"

# Every noun the CLI has (asked of the CLI itself, so that none is forgotten).
run crm __complete -- ""
nouns="$(cut -f1 "$OUT_FILE")"
[[ $(wc -l <<<"$nouns") -ge 15 ]] || fail "too few nouns: [$nouns]"
ok
for noun in $nouns; do
  assert_contains "$text" ".SS crm ${noun//-/\\-}"$'\n' "the page's commands"
done
for code in 0 1 2 3 4 5; do assert_contains "$text" $'.TP\n.B '"$code" "EXIT STATUS"; done
for variable in CRM_DIR CRM_USER NO_COLOR CRM_TODAY; do
  assert_contains "$text" ".B $variable" "ENVIRONMENT"
done

if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -P-cbou "$page" >"$T/io/rendered" 2>"$T/io/warnings" ||
    fail "groff failed: $(cat "$T/io/warnings")"
  [[ ! -s "$T/io/warnings" ]] || fail "groff warned: $(head -20 "$T/io/warnings")"
  ok
  rendered="$(cat "$T/io/rendered")"
  for noun in $nouns; do assert_contains "$rendered" "crm $noun" "the rendered page"; done
  assert_contains "$rendered" "crm contact erase" "the rendered page"
  assert_contains "$rendered" "--format" "the rendered page"
else
  echo "(groff is not installed: the page is not rendered)"
fi
if command -v man >/dev/null; then
  MANWIDTH=100 man -l "$page" >"$T/io/man" 2>"$T/io/man-err" || fail "man -l failed: $(cat "$T/io/man-err")"
  assert_contains "$(cat "$T/io/man")" "crm lead add" "man -l"
fi

finish
