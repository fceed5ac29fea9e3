#include "crm/acting/pdf_converter.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "crm/base/error.h"
#include "crm/base/process.h"
#include "crm/base/text.h"

namespace crm {
namespace {

namespace fs = std::filesystem;

const char* const k_no_converter =
    "no PDF converter: install Debian's chromium package (apt install chromium) or set "
    "documents.pdf_command in crm.yaml";

// A folder only this user can enter (mkdtemp makes it 0700), removed with what it holds when
// the conversion is over, whatever happened.
class PrivateTempDir {
 public:
  PrivateTempDir() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string templ = (base / "crm-pdf-XXXXXX").string();
    if (!::mkdtemp(templ.data()))
      throw Error(ExitCode::refused, "could not make a temp folder for the PDF in " + base.string(),
                  "check that $TMPDIR is writable");
    m_path = templ;
  }
  ~PrivateTempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

std::string file_uri(const fs::path& path) {
  std::string uri = "file://";
  for (unsigned char c : fs::absolute(path).string()) {
    bool plain = std::isalnum(c) ||
                 std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    }
  }
  return uri;
}

// The last lines of what the converter said, for the error message.
std::string tail_of(const std::string& text) {
  std::string t = trim(text);
  if (t.size() > 1500) t = "..." + t.substr(t.size() - 1500);
  return t;
}

}  // namespace

std::vector<std::string> pdf_converter_command(const DocumentSettings& settings,
                                               const fs::path& input, const fs::path& output) {
  if (!settings.pdf_command.empty()) {
    std::vector<std::string> argv;
    for (const std::string& arg : settings.pdf_command) {
      std::string a = replace_all(arg, "{input_uri}", file_uri(input));
      a = replace_all(a, "{input}", input.string());
      argv.push_back(replace_all(a, "{output}", output.string()));
    }
    return argv;
  }
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (auto program = find_program(name))
      // --no-pdf-header-footer is today's name; --print-to-pdf-no-header the old headless
      // mode's. Chromium ignores a switch it does not know, so both are given.
      return {program->string(),
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-dev-shm-usage",
              "--no-first-run",
              "--disable-extensions",
              "--user-data-dir=" + (output.parent_path() / "profile").string(),
              "--no-pdf-header-footer",
              "--print-to-pdf-no-header",
              "--print-to-pdf=" + output.string(),
              file_uri(input)};
  }
  throw Error(ExitCode::refused, k_no_converter,
              "docs/documents.md says how to use another converter (weasyprint, wkhtmltopdf)");
}

std::string print_html_to_pdf(const std::string& html, const DocumentSettings& settings) {
  PrivateTempDir dir;
  fs::path input = dir.path() / "document.html";
  fs::path output = dir.path() / "document.pdf";
  std::vector<std::string> argv = pdf_converter_command(settings, input, output);
  {
    std::ofstream file(input, std::ios::binary);
    file << html;
    if (!file.flush())
      throw Error(ExitCode::refused, "could not write the page to print in " + dir.path().string());
  }
  ProcessRequest request;
  request.argv = argv;
  request.timeout_seconds = k_pdf_timeout_seconds;
  request.working_dir = dir.path();
  // Chromium writes its caches under HOME; keep them in the folder removed afterwards.
  request.environment["HOME"] = dir.path().string();
  ProcessResult result = run_process(request);
  std::string hint =
      "check documents.pdf_command in crm.yaml, or run the converter by hand: " + join(argv, " ");
  if (!result.started)
    throw Error(ExitCode::refused,
                "could not run the PDF converter " + argv.front() + ": " + result.error, hint);
  if (result.timed_out)
    throw Error(ExitCode::refused,
                "the PDF converter " + argv.front() + " ran longer than " +
                    std::to_string(static_cast<int>(k_pdf_timeout_seconds)) + " s and was stopped",
                hint);
  if (result.exit_code != 0)
    throw Error(ExitCode::refused,
                "the PDF converter " + argv.front() + " failed (exit " +
                    std::to_string(result.exit_code) + "): " + tail_of(result.errors),
                hint);
  std::ifstream file(output, std::ios::binary);
  std::string pdf((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (pdf.rfind("%PDF-", 0) != 0)
    throw Error(ExitCode::refused,
                "the PDF converter " + argv.front() +
                    (pdf.empty() ? " wrote no PDF" : " wrote something that is not a PDF") +
                    (trim(result.errors).empty() ? "" : ": " + tail_of(result.errors)),
                hint);
  return pdf;
}

}  // namespace crm
