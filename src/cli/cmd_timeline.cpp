// crm timeline REF and crm history REF
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/timeline.h"
#include "crm/store/git.h"
#include "crm/store/paths.h"
#include "field_options.h"

namespace crm::cli {
namespace {

void setup_timeline_command(CLI::App& app, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "timeline", "The chronological history of a record and the records under it");
  add_reference(cmd, *ref, "The record");
  cmd->footer(
      "Example: crm timeline \"Acme Sp. z o.o.\"   (the account, its contacts, leads and deals)");
  cmd->callback([&ctx, ref] {
    const RecordStore& store = ctx.session().store;
    Record root = resolve(store, *ref);
    Table table{{"at", "record", "event", "detail"}, {}};
    for (const auto& e : timeline(store, root))
      table.rows.push_back({e.at, e.record, e.event, e.detail});
    ctx.out().table(table);
  });
}

void setup_history_command(CLI::App& app, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("history", "A record's state history and its git commits");
  add_reference(cmd, *ref, "The record");
  cmd->footer("Example: crm history L-7K3Q");
  cmd->callback([&ctx, ref] {
    FileStore& store = ctx.file_store();
    Record record = resolve(ctx.session().store, *ref);
    std::vector<TimelineEvent> commits;
    for (const Commit& c : commits_touching(store.root(), record_relative_path(record)))
      commits.push_back({c.at, record.id(), "commit", c.summary});
    Table table{{"at", "event", "detail"}, {}};
    for (const auto& e : record_history(record, commits))
      table.rows.push_back({e.at, e.event, e.detail});
    ctx.out().table(table);
  });
}

}  // namespace

void setup_timeline(CLI::App& app, Context& ctx) {
  setup_timeline_command(app, ctx);
  setup_history_command(app, ctx);
}

}  // namespace crm::cli
