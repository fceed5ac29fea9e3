// crm report NAME|all [--from D] [--to D] [--by DIM] [--owner U] [--currency C] [--idle N]
// [--section S]: one subcommand per report of the library's list.
#include <cstdlib>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/reports/render.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace {

struct ReportArgs {
  std::string from, to, by, owner, currency, section;
  int idle_days = 30;
};

// Block characters need a UTF-8 terminal; --color never (or NO_COLOR) asks for plain ASCII.
bool unicode_bars(const Context& ctx) {
  if (ctx.options.color == "never") return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value && *value) {
      std::string v = to_lower(value);
      return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
    }
  }
  return false;
}

ReportOptions report_options(const ReportArgs& args, const Clock& clock) {
  ReportOptions o;
  o.today = clock.today();
  if (!args.from.empty()) o.from = parse_date(args.from, clock, "--from");
  if (!args.to.empty()) o.to = parse_date(args.to, clock, "--to");
  o.by = args.by;
  o.owner = args.owner;
  o.currency = args.currency;
  o.idle_days = args.idle_days;
  return o;
}

// `several`: `report all`, whose JSON is keyed by report name whatever the list holds.
void print_reports(Context& ctx, const std::vector<Report>& reports, const ReportArgs& args,
                   bool several) {
  std::string format = ctx.format_name();
  if (format == "json" || format == "yaml") {
    Value out;
    if (several) {
      out = Value::map();
      for (const auto& r : reports) out.set(r.name, report_value(r));
    } else {
      out = report_value(reports.front());
    }
    std::cout << (format == "json" ? emit_json(out) + "\n" : emit_yaml(out));
  } else if (format == "csv") {
    if (several)
      throw UsageError("CSV holds one table, and `report all` has many",
                       "pick a report and a table: crm report pipeline --format csv --section "
                       "stages; or use --format json");
    std::cout << render_csv(reports.front(), args.section);
  } else if (format == "md") {
    for (std::size_t i = 0; i < reports.size(); ++i)
      std::cout << (i ? "\n" : "") << render_markdown(reports[i]);
  } else if (format == "html") {
    HtmlPage page;
    page.generated = reports.front().options.today.iso();
    if (!several) page.title = "crm " + reports.front().name;
    std::cout << render_html(reports, page);
  } else {
    TextStyle style;
    style.unicode = unicode_bars(ctx);
    style.color = ctx.color();
    for (std::size_t i = 0; i < reports.size(); ++i)
      std::cout << (i ? "\n" : "") << render_text(reports[i], style);
  }
}

std::string columns_help(const ReportSpec& spec) {
  std::string by = spec.by.empty()
                       ? ""
                       : "\n--by: " + join(spec.by, ", ") + " (default " + spec.by.front() + ")";
  return by + "\nColumns are described in docs/reports.md.";
}

// `by`: the dimensions the report may group by (none: no --by).
void bind_report_options(CLI::App* cmd, ReportArgs& args, const std::vector<std::string>& by) {
  cmd->add_option("--from", args.from, "First day of the period (a date word)");
  cmd->add_option("--to", args.to, "Last day of the period (a date word)");
  if (!by.empty())
    cmd->add_option("--by", args.by, "Group rows by this dimension")->check(choices(by));
  cmd->add_option("--owner", args.owner, "Only records of this owner");
  cmd->add_option("--currency", args.currency, "Only amounts in this currency");
  cmd->add_option("--idle", args.idle_days,
                  "activity: days without contact that make an account idle")
      ->check(CLI::Range(0, 36500));
  cmd->add_option("--section", args.section, "CSV: the table to print (default the first)");
}

}  // namespace

void setup_report(CLI::App& app, Context& ctx) {
  CLI::App* report = app.add_subcommand("report", "Reports: pipeline, forecast, sales and more");
  report->require_subcommand(1);
  report->footer(
      "Formats: --format table (default), json, yaml, csv (one table), md, html.\n"
      "Example: crm report pipeline --by owner ; crm report all --format html > dashboard.html");
  for (const ReportSpec& spec : all_reports()) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = report->add_subcommand(spec.name, spec.summary);
    bind_report_options(cmd, *args, spec.by);
    cmd->footer("Example: crm report " + spec.name + columns_help(spec));
    std::string name = spec.name;
    cmd->callback([&ctx, args, name] {
      const RecordStore& store = ctx.session().store;
      Report r = run_report(store, name, report_options(*args, ctx.clock()));
      print_reports(ctx, {r}, *args, false);
    });
  }
  auto args = std::make_shared<ReportArgs>();
  CLI::App* all = report->add_subcommand("all", "Every report, one after the other");
  bind_report_options(all, *args, {});
  all->footer("Example: crm report all --format html > dashboard.html   (a page for cron to mail)");
  all->callback([&ctx, args] {
    const RecordStore& store = ctx.session().store;
    ReportOptions options = report_options(*args, ctx.clock());
    std::vector<Report> reports;
    for (const ReportSpec& spec : all_reports())
      reports.push_back(run_report(store, spec.name, options));
    print_reports(ctx, reports, *args, true);
  });
}

}  // namespace crm::cli
