#include "crm/acting/mail_import.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "crm/acting/mbox.h"
#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/lifecycle.h"
#include "crm/relationship/leads.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

// Room left in a record for the rest: a value may hold 64 KiB.
constexpr std::size_t k_max_body_bytes = 60'000;
constexpr std::size_t k_max_subject_bytes = 998;
constexpr std::size_t k_max_recipients = 200;
constexpr std::size_t k_max_file_name_bytes = 100;
// Attachments kept per message, and the bytes of a name as the sender wrote it: what keeps the
// activity's record well under the size a record may have.
constexpr std::size_t k_max_attachments = 100;
constexpr std::size_t k_max_original_name_bytes = 255;

// The longest prefix of `text` of at most `max` bytes that ends on a UTF-8 character boundary.
std::string utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return std::string(text.substr(0, n));
}

std::string email_key(std::string_view address) {
  return to_lower(trim(address));
}

// A stable digest of a message without a Message-ID (FNV-1a, 64 bits), so that a re-run knows it.
std::string digest_id(std::string_view raw) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : raw) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("no-id-{:016x}@crm.invalid", h);
}

// Whether a first line reads as an RFC 5322 header ("Name: value").
bool looks_like_header(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 76) return false;
  for (char c : text.substr(0, colon))
    if (c <= 32 || c >= 127) return false;
  return true;
}

// Senders known to the store (and to this run): e-mail -> record, contacts before leads.
struct Senders {
  std::map<std::string, Record> contacts, leads;

  const Record* find(const std::string& address) const {
    std::string key = email_key(address);
    if (auto it = contacts.find(key); it != contacts.end()) return &it->second;
    if (auto it = leads.find(key); it != leads.end()) return &it->second;
    return nullptr;
  }
};

Senders load_senders(const RecordStore& store) {
  Senders s;
  store.for_each(Kind::contact, [&](const Record& r) {
    if (r.has("erased")) return;
    std::vector<std::string> emails;
    if (!r.get("email").empty()) emails.push_back(r.get("email"));
    if (const Value* list = r.find("emails"); list && list->is_sequence())
      for (const Value& e : list->items())
        if (!e.get("address").empty()) emails.push_back(e.get("address"));
    for (const std::string& e : emails) s.contacts.emplace(email_key(e), r);  // first ID wins
  });
  store.for_each(Kind::lead, [&](const Record& r) {
    if (!r.has("erased") && !r.get("email").empty()) s.leads.emplace(email_key(r.get("email")), r);
  });
  return s;
}

Value string_list(const std::vector<MailAddress>& addresses) {
  Value list = Value::sequence();
  for (std::size_t i = 0; i < addresses.size() && i < k_max_recipients; ++i)
    list.push_back(Value::string(addresses[i].address));
  return list;
}

// `name`, or name-2.ext, name-3.ext... when a file of the message already took it.
std::string unique_name(const std::string& name, std::vector<std::string>& taken) {
  std::string candidate = name;
  auto dot = name.rfind('.');
  std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  std::string ext = dot == std::string::npos || dot == 0 ? "" : name.substr(dot);
  for (int n = 2; std::find(taken.begin(), taken.end(), candidate) != taken.end(); ++n)
    candidate = fmt::format("{}-{}{}", stem, n, ext);
  taken.push_back(candidate);
  return candidate;
}

std::string label_of(const Record& r) {
  return fmt::format("{} {}", r.spec().name, r.label());
}

}  // namespace

std::vector<std::string> mail_messages(std::string_view input, std::string_view input_name) {
  std::string hint = "give it a message (.eml) or a mailbox (mbox) as a mail program saves them";
  if (trim(input).empty()) throw UsageError(fmt::format("{} is empty", input_name), hint);
  if (input.find('\0') != std::string_view::npos)
    throw UsageError(fmt::format("{} is not mail: it holds NUL bytes (binary data)", input_name),
                     hint);
  if (is_mbox(input)) {
    std::vector<std::string> messages = split_mbox(input);
    if (messages.empty())
      throw UsageError(fmt::format("{} is a mailbox without messages", input_name), hint);
    return messages;
  }
  std::string_view first = input.substr(0, input.find('\n'));
  if (!looks_like_header(first))
    throw UsageError(
        fmt::format("{} is not mail: it does not start with a header line (\"Name: value\") or "
                    "an mbox \"From \" line",
                    input_name),
        hint);
  return {std::string(input)};
}

std::string safe_file_name(std::string_view name) {
  std::string text(name);
  if (auto slash = text.find_last_of("/\\"); slash != std::string::npos)
    text = text.substr(slash + 1);
  if (!is_valid_utf8(text)) text = decode_encoded_words(text);  // lenient: as UTF-8
  std::string clean;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) clean += c;
  }
  std::size_t start = clean.find_first_not_of(". ");
  clean = start == std::string::npos ? "" : clean.substr(start);
  clean = trim(clean);
  if (clean.size() > k_max_file_name_bytes) {
    auto dot = clean.rfind('.');
    std::string ext = dot != std::string::npos && clean.size() - dot <= 12 ? clean.substr(dot) : "";
    clean = utf8_prefix(clean, k_max_file_name_bytes - ext.size()) + ext;
  }
  if (clean.empty() || !is_safe_file_name(clean)) return "attachment";
  return clean;
}

MailImport import_mail(Session& session, const std::vector<std::string>& messages,
                       const MailImportOptions& options) {
  MailImport result;
  RecordStore& store = session.store;
  Senders senders = load_senders(store);
  std::map<std::string, std::string> filed;  // message ID -> activity ID
  store.for_each(Kind::activity, [&](const Record& r) {
    if (!r.get("message_id").empty()) filed.emplace(r.get("message_id"), r.id());
  });
  std::vector<std::string> activity_ids, lead_ids;
  // Our own addresses (crm.yaml's mail.from and company.email): mail from them is no lead.
  std::vector<std::string> own;
  for (const std::string& text : {store.config().mail.from, store.config().company.email})
    for (const MailAddress& a : parse_address_list(text)) own.push_back(email_key(a.address));

  for (std::size_t i = 0; i < messages.size(); ++i) {
    MailOutcome o{};
    o.index = i + 1;
    MailMessage m;
    try {
      m = parse_mail(messages[i], options.limits);
    } catch (const MimeError& e) {
      o.status = MailOutcome::Status::unreadable;
      o.reason = e.what();
      ++result.unreadable;
      result.messages.push_back(std::move(o));
      continue;
    }
    o.message_id = m.message_id.empty() ? digest_id(messages[i]) : m.message_id;
    o.from = m.from ? m.from->address : "";
    o.subject = utf8_prefix(m.subject, k_max_subject_bytes);
    if (auto it = filed.find(o.message_id); it != filed.end()) {
      o.status = MailOutcome::Status::skipped;
      o.about = it->second;
      ++result.skipped;
      result.messages.push_back(std::move(o));
      continue;
    }

    const Record* sender = o.from.empty() ? nullptr : senders.find(o.from);
    bool ours = std::find(own.begin(), own.end(), email_key(o.from)) != own.end();
    if (!sender && options.create_leads && !o.from.empty()) {
      if (ours) {
        o.reason = "it was sent from this directory's own address (crm.yaml mail.from)";
      } else if (is_valid_email(o.from)) {
        std::string name = m.from->name.empty() ? o.from : m.from->name;
        ChangeSet lead = add_lead(
            session,
            {{"name", utf8_prefix(name, 200)}, {"email", o.from}, {"source", options.lead_source}});
        Record record = lead.changes.front().record;
        lead_ids.push_back(record.id());
        result.changes.created(record);
        senders.leads.insert_or_assign(email_key(o.from), std::move(record));
        sender = senders.find(o.from);
        o.lead_created = true;
        ++result.leads_created;
      } else {
        o.reason = "the sender's address is not one a lead can hold";
      }
    }
    if (!sender) {
      o.status = MailOutcome::Status::unmatched;
      ++result.unmatched;
      result.messages.push_back(std::move(o));
      continue;
    }

    Record activity = new_record(session, Kind::activity);
    activity.set_text("type", "email");
    start_lifecycle(activity);
    activity.set_text("about", sender->id());
    activity.set_text("subject", o.subject);
    std::string body = m.body;
    if (body.size() > k_max_body_bytes) {
      std::string kept = utf8_prefix(body, k_max_body_bytes);
      body = kept + fmt::format("\n[crm: the rest of the message, {} bytes, is not kept]",
                                body.size() - kept.size());
    }
    if (m.attachments.size() > k_max_attachments) {
      body += fmt::format("\n[crm: {} more attachments are not kept]",
                          m.attachments.size() - k_max_attachments);
      m.attachments.resize(k_max_attachments);
    }
    activity.set_text("body", body);
    activity.set_text("at", m.date.value_or(session.clock.now()));
    activity.set_text("by", session.user);
    activity.set_text("direction", "in");
    activity.set_text("from", o.from);
    if (!m.to.empty()) activity.set("to", string_list(m.to));
    if (!m.cc.empty()) activity.set("cc", string_list(m.cc));
    activity.set_text("message_id", o.message_id);
    // Threading: the message it answers, else the latest of its references that is filed.
    std::optional<std::string> parent;
    for (const std::string& id : m.in_reply_to)
      if (auto it = filed.find(id); it != filed.end() && !parent) parent = it->second;
    for (auto ref = m.references.rbegin(); ref != m.references.rend() && !parent; ++ref)
      if (auto it = filed.find(*ref); it != filed.end()) parent = it->second;
    if (parent) activity.set_text("in_reply_to", *parent);

    std::vector<std::string> taken;
    for (MailAttachment& a : m.attachments) {
      std::string stored = unique_name(safe_file_name(a.file_name), taken);
      std::string path = document_relative_path(activity.id(), stored);
      std::string original = utf8_prefix(a.file_name, k_max_original_name_bytes);
      activity.list("attachments").push_back(Value::string(original));
      Value entry = Value::map();
      entry.set("path", Value::string(path));
      entry.set("title", Value::string(original));
      entry.set("added", Value::string(session.clock.now()));
      entry.set("by", Value::string(session.user));
      activity.list("documents").push_back(std::move(entry));
      result.changes.stored(path, std::move(a.data));
    }

    o.status = MailOutcome::Status::filed;
    o.activity = activity.id();
    o.about = sender->id();
    o.about_label = label_of(*sender);
    filed.emplace(o.message_id, activity.id());
    activity_ids.push_back(activity.id());
    result.changes.created(std::move(activity));
    ++result.filed;
    result.messages.push_back(std::move(o));
  }

  // The commit message holds IDs only (DESIGN 2): no names, addresses or subjects.
  constexpr std::size_t k_listed = 20;
  std::vector<std::string> listed(activity_ids.begin(),
                                  activity_ids.begin() + std::min(activity_ids.size(), k_listed));
  result.changes.summary = fmt::format("mail import: {} filed", result.filed);
  if (!listed.empty()) result.changes.summary += " -> " + join(listed, ", ");
  if (activity_ids.size() > k_listed)
    result.changes.summary += fmt::format(" and {} more", activity_ids.size() - k_listed);
  if (!lead_ids.empty())
    result.changes.summary += fmt::format("; {} new lead{}: {}", lead_ids.size(),
                                          lead_ids.size() == 1 ? "" : "s", join(lead_ids, ", "));
  return result;
}

}  // namespace crm
