# Hostile files and references (DESIGN section 7): exit 4 naming the file, never a crash (run()
# fails on exit >= 128 and on any sanitizer report), --keep-going past them, and no reference
# that reads outside the data directory.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

run crm --today 2026-11-23T09:00:00+00:00 lead add --name "Good One"
good1="$OUT"
run crm --today 2026-11-23T10:00:00+00:00 lead add --name "Good Two"
good2="$OUT"

H='status: "new"\nowner: "tester"\ncreated: "2026-11-23T00:00:00+00:00"\n'
"$PY" - "$H" <<'EOF'
import os, sys
H = sys.argv[1].encode().decode("unicode_escape")
def w(i, body):
    with open("leads/L-%s.yaml" % i, "wb") as f:
        f.write(body if isinstance(body, bytes) else body.encode())
# An alias bomb (billion laughs): 9^9 strings if expanded.
bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
prev = "a"
for n in "bcdefghi":
    bomb += "%s: &%s [%s]\n" % (n, n, ",".join(["*" + prev] * 9))
    prev = n
w("B0MB0000", 'id: "L-B0MB0000"\nname: "bomb"\n' + H + bomb + "z: *i\n")
# A cyclic alias.
w("CYC1C000", 'id: "L-CYC1C000"\nname: "cyc"\n' + H + "extra: &y [*y]\n")
# Deep nesting, in flow and in block style.
w("DEEP0000", 'id: "L-DEEP0000"\nname: "deep"\n' + H + "extra: " + "[" * 20000 + "]" * 20000 + "\n")
block = "".join("  " * i + "k%d:\n" % i for i in range(300)) + "  " * 300 + "v\n"
w("DEEP0001", 'id: "L-DEEP0001"\nname: "deep"\n' + H + "extra:\n" + "".join("  " + l + "\n" for l in block.splitlines()))
# Duplicate keys.
w("DVPKEY00", 'id: "L-DVPKEY00"\nname: "a"\nname: "b"\n' + H)
# A 10 MB scalar; and a 900 kB one in a file under 1 MB (no record needs a scalar that big).
w("HVGE0000", 'id: "L-HVGE0000"\nname: "' + "x" * (10 * 1024 * 1024) + '"\n' + H)
w("HVGE0001", 'id: "L-HVGE0001"\nname: "big"\nnotes: "' + "y" * (900 * 1024) + '"\n' + H)
# A second document.
w("TW0D0C00", 'id: "L-TW0D0C00"\nname: "two"\n' + H + '---\nid: "L-TW0D0C00"\n')
# Invalid UTF-8.
w("BADVTF80", b'id: "L-BADVTF80"\nname: "\xff\xfe bad \xc3"\n' + H.encode())
# A tag.
w("TAGGED00", 'id: "L-TAGGED00"\nname: !!python/object:os.system "x"\n' + H)
# A NUL byte.
w("NVNBYTE0", b'id: "L-NVNBYTE0"\nname: "nul\x00"\n' + H.encode())
# Binary garbage.
w("GARBAGE0", bytes(range(256)) * 4)
# An empty file.
w("EMPTY000", b"")
# A YAML merge key: PyYAML would read an account field into this lead; crm refuses it.
w("MERGEKEY", 'id: "L-MERGEKEY"\nname: "merge"\n' + H + '<<: {account: "A-12345678"}\n')
# A 1 MB file of one flow list with 500,000 items (before the limits, 0.5 s and 100 MB to load).
w("MANY1TEM", 'id: "L-MANY1TEM"\nname: "many"\n' + H + "extra: [" + ",".join(["1"] * 500000) + "]\n")
# A map of 50,000 keys.
w("MANYKEYS", 'id: "L-MANYKEYS"\nname: "keys"\n' + H + "extra:\n" + "".join("  k%d: 1\n" % i for i in range(50000)))
# A symlink to /etc/passwd, and a FIFO.
os.symlink("/etc/passwd", "leads/L-SYMV1NK0.yaml")
os.mkfifo("leads/L-F1F00000.yaml")
EOF
bad=(B0MB0000 CYC1C000 DEEP0000 DEEP0001 DVPKEY00 HVGE0000 HVGE0001 TW0D0C00 BADVTF80 TAGGED00 NVNBYTE0
  GARBAGE0 EMPTY000 MERGEKEY MANY1TEM MANYKEYS SYMV1NK0 F1F00000)

for id in "${bad[@]}"; do
  run timeout 20 "$CRM_BIN" lead show "L-$id"
  [[ "$RC" != 124 ]] || fail "lead show L-$id hangs"
  assert_exit 4 "lead show L-$id"
  assert_err_contains "leads/L-$id.yaml"
  # The error is one readable line, not a dump of the file.
  ((${#ERR} < 2000)) || fail "lead show L-$id prints ${#ERR} bytes of error"
  ok
done
assert_not_contains "$(run crm lead show L-SYMV1NK0; echo "$OUT$ERR")" "root:" "output for the symlink"
# The problem and its line, and for a merge key what to do instead.
run crm lead show L-MERGEKEY
assert_err_contains "leads/L-MERGEKEY.yaml:6: a YAML merge key (<<) is not allowed in a record"
assert_err_contains "write the merged fields out"
run crm lead show L-MANY1TEM
assert_err_contains "leads/L-MANY1TEM.yaml:6: a list of more than the 5000 items a record allows"
run crm lead show L-MANYKEYS
assert_err_contains "leads/L-MANYKEYS.yaml:7: a map of more than the 1000 keys a record allows"

# Other commands meet the same files the same way.
run timeout 20 "$CRM_BIN" lead list
assert_exit 4 "lead list with bad files"
assert_err_contains "leads/L-"
run timeout 20 "$CRM_BIN" lead list --json
assert_exit 4 "lead list --json with bad files"
assert_out_empty
run timeout 20 "$CRM_BIN" lead edit L-DVPKEY00 --phone 1
assert_exit 4 "lead edit of a file with duplicate keys"
run timeout 20 "$CRM_BIN" note add L-B0MB0000 "x"
assert_exit 4 "note add to the alias bomb"
run timeout 20 "$CRM_BIN" timeline L-CYC1C000
assert_exit 4 "timeline of the cyclic alias"
run timeout 60 "$CRM_BIN" check
assert_exit 4 "check with hostile files"
for id in "${bad[@]}"; do
  assert_err_contains "leads/L-$id.yaml"
done
assert_err_contains "leads/L-MERGEKEY.yaml:6: a YAML merge key (<<)"
assert_err_contains "leads/L-MANY1TEM.yaml:6: a list of more than the 5000 items"
# No file was touched by any of it, and the symlink's target is still only a symlink.
[[ -L leads/L-SYMV1NK0.yaml ]] || fail "the symlink was replaced"
ok

# --keep-going: the good leads, one warning per bad file, exit 0.
run timeout 60 "$CRM_BIN" lead list --keep-going
assert_exit 0 "lead list --keep-going"
assert_out_contains "$good1"
assert_out_contains "$good2"
for id in "${bad[@]}"; do
  assert_eq 1 "$(printf '%s\n' "$ERR" | grep -c "L-$id.yaml")" "warnings about L-$id"
done
assert_eq "${#bad[@]}" "$(printf '%s\n' "$ERR" | grep -c "warning")" "number of warnings"
run crm --keep-going --json lead list
assert_exit 0 "--keep-going --json lead list"
assert_eq "$good1 $good2" "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))')" \
  "good leads with --keep-going"
run crm lead show "$good1"
assert_exit 0 "lead show of a good lead beside bad ones"

# --- wrong types and unknown states (DESIGN 7: exit 4 like any malformed file) --------------------
printf "id: \"L-WR0NGTY0\"\nstatus: \"new\"\nname: {first: \"a\"}\nowner: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n" \
  >leads/L-WR0NGTY0.yaml
printf "id: \"L-WR0NGTY1\"\nstatus: \"pondering\"\nname: \"p\"\nowner: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n" \
  >leads/L-WR0NGTY1.yaml
printf "id: \"L-WR0NGTY2\"\nstatus: \"new\"\nname: \"h\"\nowner: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\nhistory: \"oops\"\n" \
  >leads/L-WR0NGTY2.yaml
printf "id: \"L-0THER000\"\nstatus: \"new\"\nname: \"o\"\nowner: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n" \
  >leads/L-WR0NGTY3.yaml
run crm lead show L-WR0NGTY3
assert_exit 4 "an id that does not match the file name"
assert_err_contains "leads/L-WR0NGTY3.yaml"
# A known field of the wrong type or an unknown state makes the file unreadable for commands
# (exit 4 naming the file); `crm check` reports it with the rest.
for id in WR0NGTY0 WR0NGTY1 WR0NGTY2; do
  run crm lead show "L-$id"
  assert_exit 4 "lead show L-$id"
  assert_err_contains "leads/L-$id.yaml"
done
run crm lead contact L-WR0NGTY1
assert_exit 4 "a transition on a lead with an unknown state"
assert_err_contains "pondering"

# --- a quoted "<<" is an ordinary key, kept like any key of yours --------------------------------
cd "$T"
new_dir quoted
printf 'id: "L-QV0TED00"\nstatus: "new"\nname: "q"\nowner: "tester"\ncreated: "2026-11-23T00:00:00+00:00"\n"<<": "not a merge"\n' \
  >leads/L-QV0TED00.yaml
run crm lead show L-QV0TED00
assert_exit 0 "lead show of a lead with a quoted << key"
run crm check
assert_exit 0 "check of a lead with a quoted << key"
run crm lead edit L-QV0TED00 --phone 1
assert_exit 0 "lead edit of a lead with a quoted << key"
assert_eq "not a merge" "$(yaml_get '<<' <leads/L-QV0TED00.yaml)" "the quoted << key after an edit"

# --- references never reach outside the data directory ----------------------------------------------
cd "$T"
new_dir refs
run crm lead add --name "Only"
only="$OUT"
# A file outside that looks like a lead: no reference may load it.
mkdir -p "$T/outside/leads"
printf 'id: "L-0VTS1DE0"\nstatus: "new"\nname: "SECRET OUTSIDE"\nowner: "x"\ncreated: "2026-11-23T00:00:00+00:00"\n' \
  >"$T/outside/leads/L-0VTS1DE0.yaml"
cp "$T/outside/leads/L-0VTS1DE0.yaml" "$T/outside/x.yaml"
cp "$T/outside/leads/L-0VTS1DE0.yaml" "$T/x.yaml"
before="$(snapshot .)"
for ref in ../../etc/passwd /etc/passwd L-../../x L-../../../etc/passwd "L-$(printf '%s' "${only:2:4}")/../../x" \
  ../outside/leads/L-0VTS1DE0 "L-../../outside/leads/L-0VTS1DE0" "L-0VTS1DE0/../../../x" \
  'L-....' 'A-..' 'L-*' 'L-????????' "L-${only:2}/" "$(printf 'L-%s\nX' "${only:2}")" 'L-%2e%2e%2f'; do
  for cmd in "lead show" "note add" "lead edit" "timeline"; do
    read -r -a args <<<"$cmd"
    args+=("$ref")
    [[ "$cmd" == "note add" ]] && args+=("text")
    [[ "$cmd" == "lead edit" ]] && args+=(--phone 1)
    run crm "${args[@]}"
    if [[ "$RC" != 2 && "$RC" != 3 ]]; then fail "crm $cmd '$ref' exits $RC, not 2 or 3"; fi
    ok
    assert_not_contains "$OUT$ERR" "SECRET" "crm $cmd '$ref'"
    assert_not_contains "$OUT$ERR" "root:" "crm $cmd '$ref'"
  done
done
assert_eq "$before" "$(snapshot .)" "files after hostile references"
run crm contact add --name "C" --account ../../etc/passwd
assert_exit 3 "contact add --account ../../etc/passwd"
run crm lead convert "$only" --account "../outside/x"
assert_exit 3 "lead convert --account ../outside/x"

finish
