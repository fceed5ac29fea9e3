// crm agenda [--days N] [--overdue] [--owner U] [--exit-status] [--ics [-o FILE]]: what needs
// doing, by day. Made for cron: the text forms print nothing at all when nothing is due, and
// --exit-status says by exit code 1 that something is overdue.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/agenda/agenda.h"
#include "crm/agenda/ics.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/csv.h"
#include "crm/store/files.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace {

struct AgendaArgs {
  AgendaOptions options;
  bool exit_status = false;
  bool ics = false;
  std::string output;
};

const char* const k_weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// "Mon 2026-11-23 (today)"
std::string day_heading(const AgendaItem& item) {
  std::string heading = fmt::format("{} {}", k_weekdays[item.date.weekday()], item.date.iso());
  if (item.days == 0) heading += " (today)";
  if (item.days == 1) heading += " (tomorrow)";
  return heading;
}

std::string group_of(const AgendaItem& item) {
  return item.overdue ? "Overdue" : day_heading(item);
}

// The time of day as written in the record ("14:00"), for items that have one.
std::string time_of(const AgendaItem& item) {
  return item.at.size() >= 16 ? item.at.substr(11, 5) : std::string();
}

// When an item is, within its group: an overdue one by its day, a day's by its time.
std::string when_of(const AgendaItem& item) {
  std::string time = time_of(item);
  if (!item.overdue) return time;
  return time.empty() ? item.date.iso() : item.date.iso() + " " + time;
}

std::string late_text(const AgendaItem& item) {
  if (!item.overdue || item.days >= 0) return {};
  return fmt::format(" ({} day{} late)", -item.days, item.days == -1 ? "" : "s");
}

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(width - display_width(text), ' ');
}

void print_text(const std::vector<AgendaItem>& items, bool color) {
  std::size_t when_w = 0, what_w = 0, number_w = 0;
  for (const auto& item : items) {
    when_w = std::max(when_w, display_width(when_of(item)));
    what_w = std::max(what_w, display_width(item.what_text()));
    number_w = std::max(number_w, display_width(escape_for_terminal(item.number)));
  }
  std::string group;
  for (const auto& item : items) {
    if (group_of(item) != group) {
      group = group_of(item);
      std::cout << (color ? "\x1b[1m" + group + "\x1b[0m" : group) << '\n';
    }
    std::string line = "  ";
    if (when_w) line += padded(when_of(item), when_w) + "  ";
    line += padded(item.what_text(), what_w) + "  " +
            padded(escape_for_terminal(item.number), number_w) + "  " +
            escape_for_terminal(item.label) + late_text(item);
    std::cout << line << '\n';
  }
}

// Markdown's special characters in running text backslashed, control characters made
// visible as for a terminal (a mail is read in one).
std::string md_escape(const std::string& raw) {
  std::string out;
  for (char c : escape_for_terminal(raw)) {
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

void print_markdown(const std::vector<AgendaItem>& items, const Date& today) {
  std::cout << fmt::format("# Agenda, {} {}\n", k_weekdays[today.weekday()], today.iso());
  std::string group;
  for (const auto& item : items) {
    if (group_of(item) != group) {
      group = group_of(item);
      std::cout << "\n## " << group << "\n\n";
    }
    std::string when = when_of(item);
    std::cout << "- " << (when.empty() ? "" : when + " ") << "**" << item.what_text() << "** "
              << md_escape(item.number) << ": " << md_escape(item.label) << late_text(item) << '\n';
  }
}

Value items_value(const std::vector<AgendaItem>& items) {
  Value list = Value::sequence();
  for (const auto& item : items) {
    Value v = Value::map();
    v.set("date", Value::string(item.date.iso()));
    v.set("at", Value::string(item.at));
    v.set("kind", Value::string(kind_spec(item.kind).name));
    v.set("id", Value::string(item.id));
    v.set("number", Value::string(item.number));
    v.set("label", Value::string(item.label));
    v.set("what", Value::string(item.what));
    v.set("overdue", Value::boolean(item.overdue));
    v.set("days", Value::plain(std::to_string(item.days)));
    v.set("owner", Value::string(item.owner));
    list.push_back(std::move(v));
  }
  return list;
}

void print_csv(const std::vector<AgendaItem>& items) {
  std::cout << csv_line(
      {"date", "at", "kind", "id", "number", "label", "what", "overdue", "days", "owner"});
  for (const auto& item : items)
    std::cout << csv_line({item.date.iso(), item.at, kind_spec(item.kind).name, item.id,
                           item.number, item.label, item.what, item.overdue ? "true" : "false",
                           std::to_string(item.days), item.owner});
}

void run_agenda(Context& ctx, const AgendaArgs& args) {
  std::string format = ctx.format_name();
  if (format == "html")
    throw UsageError("--format html is for reports",
                     "crm agenda prints table, json, yaml, csv or md; --ics writes a calendar");
  if (!args.output.empty() && !args.ics)
    throw UsageError("-o/--output writes the calendar of --ics",
                     "crm agenda --ics -o agenda.ics, or redirect the output: crm agenda > FILE");
  const RecordStore& store = ctx.session().store;
  Clock clock = ctx.clock();
  std::vector<LoadProblem> problems;
  std::vector<AgendaItem> items =
      agenda(store, clock, args.options, ctx.options.keep_going ? &problems : nullptr);
  for (const LoadProblem& p : problems) warn(p.message + " (skipped)");
  if (args.ics) {
    std::string calendar = agenda_ics(items, clock);
    if (args.output.empty() || args.output == "-")
      std::cout << calendar;
    else
      write_file_atomic(std::filesystem::absolute(args.output), calendar, store.config().file_mode);
  } else if (format == "json" || format == "yaml") {
    Value list = items_value(items);
    std::cout << (format == "json" ? emit_json(list) + "\n" : emit_yaml(list));
  } else if (format == "csv") {
    print_csv(items);
  } else if (!items.empty() && !ctx.options.quiet) {
    if (format == "md")
      print_markdown(items, clock.today());
    else
      print_text(items, ctx.color());
  }
  if (args.exit_status && any_overdue(items)) ctx.exit_code = 1;
}

}  // namespace

void setup_agenda(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<AgendaArgs>();
  CLI::App* cmd = app.add_subcommand("agenda", "What needs doing, by day (made for cron)");
  cmd->add_option("--days", args->options.days,
                  "Days in the window, today included (default 7; 0: overdue items only)")
      ->check(CLI::Range(0, 3660));
  cmd->add_flag("--overdue", args->options.overdue_only, "Only what is overdue");
  cmd->add_option("--owner", args->options.owner,
                  "Only the items of this user (a record's owner, a task's `by`, else its "
                  "deal's or account's owner)");
  cmd->add_flag("--exit-status", args->exit_status, "Exit 1 when something is overdue");
  cmd->add_flag("--ics", args->ics, "Write an iCalendar (RFC 5545) file instead");
  cmd->add_option("-o,--output", args->output, "With --ics: write it to FILE (atomically)");
  cmd->footer(
      "Prints nothing at all when nothing is due (JSON: []), so cron sends no mail.\n"
      "Example: crm agenda --days 14 --owner anna ; crm agenda --ics -o ~/crm.ics\n"
      "Items are described in docs/user-guide.md (crm agenda).");
  cmd->callback([&ctx, args] { run_agenda(ctx, *args); });
}

}  // namespace crm::cli
