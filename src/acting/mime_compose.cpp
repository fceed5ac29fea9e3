#include "crm/acting/mime_compose.h"

#include <fmt/format.h>

#include <random>

#include "crm/acting/mime_encode.h"
#include "crm/base/dates.h"
#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace {

constexpr std::size_t k_fold_at = 76;
constexpr std::size_t k_longest_plain_word = 66;  // longer words go as encoded-words

// Refuses a CR or LF in what becomes one header: a line break there would start a new header
// (header injection).
void require_one_line(std::string_view header, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos)
    throw UsageError(
        fmt::format("the {} holds a line break, and a mail header is one line", header),
        fmt::format("write the {} on one line", header));
}

// "Name: atom atom ...", folded before the space in front of an atom where the line would pass
// 76 columns. Atoms never hold a line break; an empty atom (two spaces in a row) is never a
// folding point, so that no line is only white space.
std::string fold_header(std::string_view name, const std::vector<std::string>& atoms) {
  std::string out;
  std::string line = std::string(name) + ":";
  bool line_has_atom = false;
  for (const std::string& atom : atoms) {
    if (line_has_atom && !atom.empty() && line.size() + 1 + atom.size() > k_fold_at) {
      out += line;
      out += '\n';
      line.clear();
    }
    line += ' ';
    line += atom;
    line_has_atom = true;
  }
  out += line;
  out += '\n';
  return out;
}

// The atoms of an unstructured header text (a subject): its words when it can go as it is,
// else encoded-words.
std::vector<std::string> text_atoms(std::string_view text) {
  std::vector<std::string> words = split(text, ' ');
  bool plain = is_plain_header_text(text);
  for (const std::string& w : words)
    if (w.size() > k_longest_plain_word) plain = false;
  if (plain) return words;
  return encoded_words(text);
}

bool is_atext(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// A display name as atoms: words of atext as they are, other ASCII as a quoted string,
// anything else as encoded-words.
std::vector<std::string> name_atoms(std::string_view name) {
  if (!is_plain_header_text(name)) return encoded_words(name, true);
  bool atoms_only = true;
  for (char c : name)
    if (c != ' ' && !is_atext(c)) atoms_only = false;
  if (atoms_only) return split(name, ' ');
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return {quoted};
}

void require_address(std::string_view header, const MailAddress& a) {
  require_one_line(header, a.name);
  if (!is_valid_email(a.address))
    throw UsageError(
        fmt::format("'{}' is not an e-mail address ({})", escape_for_terminal(a.address), header),
        "give an address like name@example.com");
}

std::vector<std::string> address_atoms(const MailAddress& a) {
  std::string name = clean_display_name(a.name);
  if (name.empty()) return {a.address};
  std::vector<std::string> atoms = name_atoms(name);
  atoms.push_back("<" + a.address + ">");
  return atoms;
}

std::string address_header(std::string_view header, const std::vector<MailAddress>& list) {
  std::vector<std::string> atoms;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::vector<std::string> one = address_atoms(list[i]);
    if (i + 1 < list.size()) one.back() += ',';
    atoms.insert(atoms.end(), one.begin(), one.end());
  }
  return fold_header(header, atoms);
}

std::string random_token(std::size_t length) {
  static constexpr char k_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
  std::random_device device;
  std::uniform_int_distribution<int> pick(0, 31);
  std::string token;
  for (std::size_t i = 0; i < length; ++i) token += k_alphabet[pick(device)];
  return token;
}

std::string text_part_headers() {
  return "Content-Type: text/plain; charset=UTF-8\n"
         "Content-Transfer-Encoding: quoted-printable\n";
}

std::string text_part_body(const std::string& body) {
  std::string encoded = quoted_printable_encode(body);
  if (encoded.empty() || encoded.back() != '\n') encoded += '\n';
  return encoded;
}

std::string attachment_part(const MailAttachment& a) {
  require_one_line("attachment's content type", a.content_type);
  if (a.file_name.empty()) throw UsageError("an attachment needs a file name");
  std::vector<std::string> type_atoms = {a.content_type + ";"};
  for (const std::string& p : mime_parameter("name", a.file_name)) type_atoms.push_back(p + ";");
  type_atoms.back().pop_back();
  std::vector<std::string> disposition = {"attachment;"};
  for (const std::string& p : mime_parameter("filename", a.file_name))
    disposition.push_back(p + ";");
  disposition.back().pop_back();
  return fold_header("Content-Type", type_atoms) + fold_header("Content-Disposition", disposition) +
         "Content-Transfer-Encoding: base64\n\n" + base64_lines(a.data);
}

}  // namespace

std::string clean_display_name(std::string_view name) {
  std::string out;
  bool space = false;
  for (unsigned char c : name) {
    bool control = c < 32 || c == 127;
    if (control || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string format_address(const MailAddress& address) {
  return join(address_atoms(address), " ");
}

std::string rfc5322_date(std::string_view iso) {
  static constexpr const char* k_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto bad = [&] {
    return UsageError(fmt::format("'{}' is no ISO 8601 timestamp", escape_for_terminal(iso)));
  };
  if (!is_iso_timestamp(iso) || iso.size() < 20) throw bad();
  std::optional<Date> date = Date::parse_iso(iso.substr(0, 10));
  if (!date) throw bad();
  std::string_view time = iso.substr(11, 8);
  std::string_view rest = iso.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t end = rest.find_first_not_of("0123456789", 1);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  std::string zone;
  if (rest == "Z") {
    zone = "+0000";
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    zone = std::string(rest.substr(0, 3)) + std::string(rest.substr(4, 2));
  } else {
    throw bad();
  }
  return fmt::format("{}, {} {} {} {} {}", k_days[date->weekday()], date->day(),
                     k_months[date->month() - 1], date->year(), time, zone);
}

std::string new_message_id(std::string_view from_address, std::string_view iso) {
  std::string stamp;
  for (char c : iso.substr(0, 19))
    if (c >= '0' && c <= '9') stamp += c;
  std::size_t at = from_address.rfind('@');
  std::string domain =
      at == std::string_view::npos ? "crm.invalid" : to_lower(from_address.substr(at + 1));
  return fmt::format("{}.{}@{}", stamp, random_token(16), domain);
}

std::string compose_mail(const OutgoingMail& mail) {
  require_address("From", mail.from);
  if (mail.to.empty()) throw UsageError("a message needs at least one recipient (To)");
  for (const MailAddress& a : mail.to) require_address("To", a);
  for (const MailAddress& a : mail.cc) require_address("Cc", a);
  require_one_line("subject", mail.subject);
  require_one_line("date", mail.date);
  require_one_line("message ID", mail.message_id);
  if (mail.message_id.find('@') == std::string::npos ||
      mail.message_id.find_first_of("<> \t") != std::string::npos)
    throw UsageError(fmt::format("'{}' is no message ID", escape_for_terminal(mail.message_id)));
  if (mail.date.empty()) throw UsageError("a message needs a date");

  std::string out = address_header("From", {mail.from});
  out += address_header("To", mail.to);
  if (!mail.cc.empty()) out += address_header("Cc", mail.cc);
  out += fold_header("Subject", text_atoms(mail.subject));
  out += "Date: " + mail.date + "\n";
  out += "Message-ID: <" + mail.message_id + ">\n";
  out += "MIME-Version: 1.0\n";
  if (mail.attachments.empty()) {
    out += text_part_headers();
    out += '\n';
    out += text_part_body(mail.body);
    return out;
  }
  // "=_" never occurs in quoted-printable or base64 text, so the boundary cannot either.
  std::string boundary = "=_crm_" + random_token(24);
  out += "Content-Type: multipart/mixed;\n boundary=\"" + boundary + "\"\n";
  out += "\nThis is a message in MIME format.\n";
  out += "\n--" + boundary + "\n";
  out += text_part_headers();
  out += '\n';
  out += text_part_body(mail.body);
  for (const MailAttachment& a : mail.attachments) {
    out += "\n--" + boundary + "\n";
    out += attachment_part(a);
  }
  out += "\n--" + boundary + "--\n";
  return out;
}

}  // namespace crm
