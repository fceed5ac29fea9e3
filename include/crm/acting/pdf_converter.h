// Printing a document's HTML page to PDF with a program found at run time: crm.yaml's
// documents.pdf_command when set, else headless Chromium on PATH. Run without a shell, with a
// timeout, on files in a private temp folder that is removed afterwards.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crm/base/config.h"

namespace crm {

// Seconds the converter may run before it is killed.
inline constexpr double k_pdf_timeout_seconds = 60;

// The argument vector that prints `input` (an HTML file) to `output`: pdf_command with
// {input}, {input_uri} (file://...) and {output} replaced inside each argument, else the first
// of chromium, chromium-browser, google-chrome on PATH with its headless print flags. Throws
// Error (exit 1) naming Debian's chromium package when there is neither.
std::vector<std::string> pdf_converter_command(const DocumentSettings& settings,
                                               const std::filesystem::path& input,
                                               const std::filesystem::path& output);

// The PDF's bytes. Throws Error (exit 1) when no converter is installed, or when it fails,
// times out or writes no PDF, with what it printed on standard error.
std::string print_html_to_pdf(const std::string& html, const DocumentSettings& settings);

}  // namespace crm
