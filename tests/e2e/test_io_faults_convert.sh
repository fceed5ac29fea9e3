# I/O errors at every step of the multi-file write of `lead convert` (a journal, four temp files,
# four renames), with ENOSPC and EIO: see io_faults_lib.sh for what is proved.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/io_faults_lib.sh"

ERRNOS=(ENOSPC EIO)
sweep "lead convert" lead convert "$lead"
echo "$TOTAL_POINTS injection points"
finish
