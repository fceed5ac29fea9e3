# The independent reading of the fixtures: Python's own `email` package (Debian's
# /usr/bin/python3) parses each message and prints, per Message-ID, what crm must have filed:
# subject, sender, text body, attachment names and the SHA-256 of their bytes. Usage:
#   /usr/bin/python3 python_view.py FILE.eml|MBOX...   ->  one JSON object {message_id: {...}}
import email
import email.policy
import email.utils
import hashlib
import json
import mailbox
import re
import sys


def view(msg, from_mbox):
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = ""
    kind = None
    if body_part is not None:
        kind = body_part.get_content_type()
        body = body_part.get_content().replace("\r\n", "\n")
        if from_mbox:
            # Python's mbox reader leaves mboxrd quoting as it is; undo it as crm does.
            body = re.sub(r"(?m)^>(>*From )", r"\1", body)
    attachments = []
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True) or b""
        attachments.append({"name": part.get_filename(), "sha256": hashlib.sha256(data).hexdigest()})
    sender = email.utils.parseaddr(str(msg["from"]))[1]
    return {
        "subject": str(msg["subject"] or ""),
        "from": sender,
        "body_type": kind,
        "body": body.strip("\n").rstrip(),
        "attachments": attachments,
    }


out = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        head = f.read(5)
    if head == b"From ":
        box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default))
        messages = [(m, True) for m in box]
    else:
        with open(path, "rb") as f:
            messages = [(email.message_from_binary_file(f, policy=email.policy.default), False)]
    for msg, from_mbox in messages:
        out[str(msg["message-id"]).strip().strip("<>")] = view(msg, from_mbox)
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
print()
