# I/O errors at every step of the write path, for one-file writes (a create, an update) and the
# multi-file `lead convert --account`: see io_faults_lib.sh for what is proved.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/io_faults_lib.sh"

# (EIO takes the same paths as ENOSPC: once for a one-file write is enough; test_io_faults_convert
# does it for a multi-file one.)
ERRNOS=(ENOSPC EIO)
sweep "lead add" lead add --name "Eva Nowak" --email eva@example.invalid
ERRNOS=(ENOSPC)
sweep "lead edit" lead edit "$lead" --phone "+48 99"
sweep "lead convert --account" lead convert "$lead" --account "Existing Co"
echo "$TOTAL_POINTS injection points"

# The hook refuses what it cannot use, loudly, and then does nothing.
rm -rf "$T/run" && cp -a "$T/before" "$T/run" && cd "$T/run"
CRM_FAIL_AT=nonsense run crm lead add --name "Nobody"
assert_exit 0
assert_err_contains "CRM_FAIL_AT=nonsense is not N:ERRNO"

finish
