// crm call REF, crm call end: a phone call through the configured dialer, logged as it starts.
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/acting/calls.h"
#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "field_options.h"

namespace crm::cli {
namespace {

struct CallOptions {
  std::string ref;
  bool no_dial = false;
  CallEnd end;
};

void run_call(const CallOptions& o, Context& ctx) {
  if (o.ref.empty())
    throw UsageError("crm call needs the record to call, or `end`",
                     "crm call REF starts a call; crm call end closes it (see crm call --help)");
  std::vector<std::string> dialer;
  std::string number;
  ctx.mutate([&](Session& s) {
    Record about = resolve(s.store, o.ref, callable_kinds());
    CallTarget target = call_target(s.store, about);
    number = target.number;
    if (!o.no_dial && !ctx.options.dry_run) {
      dialer = dialer_command(s.store.config(), target.number);
      require_dialer(dialer);  // refused before anything is logged
    }
    return start_call(s, about, target);
  });
  if (ctx.options.dry_run) return;
  if (!dialer.empty()) {
    if (auto failure = dial(dialer))
      warn(
          fmt::format("the call is logged, but the dialer '{}' did not start ({}): dial {} "
                      "yourself, and end the call with crm call end",
                      dialer[0], *failure, number));
  } else if (ctx.format_name() == "table") {
    ctx.out().text(fmt::format("dial {} ({})\n", number, tel_uri(number)));
  }
}

}  // namespace

void setup_call(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CallOptions>();
  CLI::App* call = app.add_subcommand(
      "call", "Call a contact, lead, deal or account through the dialer, and log the call");
  add_reference(call, o->ref, "The record to call", callable_kinds())->required(false);
  call->add_flag("--no-dial", o->no_dial, "Log the call without starting the dialer");
  call->footer(
      "Example: crm call \"Ewa Nowak\"   then, when it is over: crm call end --outcome reached "
      "--note \"Sends the order on Monday\"");

  CLI::App* end = call->add_subcommand("end", "End your open call: its duration and outcome");
  // The library checks the outcome against the registry; the choices are for completion.
  end->add_option("--outcome", o->end.outcome, "reached, voicemail, no-answer or busy")
      ->check(choices(kind_spec(Kind::activity).field("outcome")->choices));
  end->add_option("--note", o->end.note, "What was said, added to the call's body");
  end->footer("Example: crm call end --outcome voicemail --note \"Left a message\"");
  end->callback([&ctx, o] { ctx.mutate([o](Session& s) { return end_call(s, o->end); }); });

  call->callback([&ctx, o, end] {
    if (end->parsed()) return;
    run_call(*o, ctx);
  });
}

}  // namespace crm::cli
