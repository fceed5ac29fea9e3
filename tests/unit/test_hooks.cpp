// Hooks: which event a change is, which hooks it runs in which order, that a hook runs only
// while this clone allowed its bytes (and never through a link), what it reads on standard
// input, and how a refusing pre- hook and a failing post- hook are reported.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "crm/acting/hooks.h"
#include "crm/base/error.h"
#include "crm/relationship/leads.h"
#include "crm/store/json.h"
#include "crm/store/paths.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::TempDir;
using crm_test::thrown;

namespace hooks_tests {
namespace {

namespace fs = std::filesystem;

Record deal(const std::string& status, const std::string& stage) {
  return crm_test::record_from_yaml(Kind::deal, "id: \"D-7K3QZ9AB\"\ntitle: \"Fleet\"\nstatus: \"" +
                                                    status + "\"\nstage: \"" + stage +
                                                    "\"\naccount: \"A-7K3QZ9AB\"\n");
}

// A folder with hooks/ in it, standing for a data directory.
struct HookDir {
  TempDir tmp;
  fs::path root = tmp.path();
  HookDir() { fs::create_directories(crm::hooks_dir(root)); }

  fs::path write(const std::string& name, const std::string& script, unsigned mode = 0700) {
    fs::path path = crm::hooks_dir(root) / name;
    crm_test::write_text(path, script);
    ::chmod(path.c_str(), mode);
    return path;
  }
  // A hook that appends its name, arguments and input to ran.log.
  fs::path recorder(const std::string& name) {
    return write(
        name,
        "#!/bin/sh\n"
        "printf '%s|%s|%s\\n' \"$CRM_HOOK\" \"$CRM_EVENT\" \"$*\" >> \"$CRM_DIR/ran.log\"\n"
        "cat > \"$CRM_DIR/input-$CRM_HOOK.json\"\n");
  }
  std::string ran() {
    fs::path log = root / "ran.log";
    return fs::exists(log) ? crm_test::read_text(log) : "";
  }
  HookInvocation invocation(std::vector<std::string> command = {"lead", "add"}) {
    return HookInvocation{root, "tester", std::move(command), 5};
  }
};

struct Notices {
  std::vector<std::string> warnings;
  std::vector<std::string> output;
  HookNotices sink() {
    return HookNotices{[this](const std::string& w) { warnings.push_back(w); },
                       [this](const std::string& hook, const std::string& text) {
                         output.push_back(hook + ": " + text);
                       }};
  }
};

HookSubject created_lead() {
  Record lead = crm_test::record_from_yaml(
      Kind::lead, "id: \"L-7K3QZ9AB\"\nstatus: \"new\"\nname: \"Jan Kowalski\"\n");
  return HookSubject{"create", std::nullopt, lead};
}

}  // namespace

TEST_CASE("hook_event: create, change, and transition on a state or a deal's stage", "[hooks]") {
  Record open = deal("open", "qualification");
  CHECK(hook_event(std::nullopt, open) == "create");
  Record retitled = open;
  retitled.set_text("title", "Fleet renewal");
  CHECK(hook_event(open, retitled) == "change");
  CHECK(hook_event(open, deal("open", "proposal")) == "transition");  // the stage moved
  CHECK(hook_event(open, deal("won", "qualification")) == "transition");
  CHECK(kind_spec(Kind::deal).stage_field == "stage");

  Record lead = created_lead().after;
  Record qualified = lead;
  qualified.set_text("status", "qualified");
  CHECK(hook_event(lead, qualified) == "transition");
  Record renamed = lead;
  renamed.set_text("name", "Jan K.");
  CHECK(hook_event(lead, renamed) == "change");
}

TEST_CASE("hook_subjects: each record's stored version, and nothing for an unchanged one",
          "[hooks]") {
  DataDir d;
  ChangeSet added = add_lead(d.session, {{"name", "Jan"}});
  std::vector<HookSubject> subjects = hook_subjects(d.store, added);
  REQUIRE(subjects.size() == 1);
  CHECK(subjects[0].event == "create");
  CHECK_FALSE(subjects[0].before);
  Record lead = d.apply(added);

  CHECK(hook_subjects(d.store, ChangeSet::of_updated(lead, "same")).empty());
  Record qualified = lead;
  qualified.set_text("status", "qualified");
  subjects = hook_subjects(d.store, ChangeSet::of_updated(qualified, "qualify"));
  REQUIRE(subjects.size() == 1);
  CHECK(subjects[0].event == "transition");
  REQUIRE(subjects[0].before);
  CHECK(subjects[0].before->get("status") == "new");
  CHECK(subjects[0].after.get("status") == "qualified");
}

TEST_CASE("hook_names: the general hook, then the one narrowed to the kind", "[hooks]") {
  CHECK(hook_names(HookPhase::pre, "create", Kind::lead) ==
        std::vector<std::string>{"pre-create", "pre-create.lead"});
  CHECK(hook_names(HookPhase::post, "transition", Kind::service_order) ==
        std::vector<std::string>{"post-transition", "post-transition.service-order"});
  CHECK(is_hook_name("pre-change"));
  CHECK(is_hook_name("post-transition.quote"));
  CHECK_FALSE(is_hook_name("post-transition.quotes"));
  CHECK_FALSE(is_hook_name("pre-commit"));
  CHECK_FALSE(is_hook_name("pre-create."));
  CHECK_FALSE(is_hook_name("pre-create.sample"));
}

TEST_CASE("hook_state: new until allowed, changed when its bytes change, never a link", "[hooks]") {
  HookDir h;
  CHECK_FALSE(hook_state(h.root, "pre-create"));
  h.recorder("pre-create");
  CHECK(hook_state(h.root, "pre-create") == HookState::added);
  CHECK(allow_hooks(h.root, {}) == std::vector<std::string>{"pre-create"});
  CHECK(hook_state(h.root, "pre-create") == HookState::allowed);
  CHECK(crm_test::mode_of(crm::allowed_hooks_dir(h.root) / "pre-create") == 0600);
  h.write("pre-create", "#!/bin/sh\nexit 0\n");
  CHECK(hook_state(h.root, "pre-create") == HookState::changed);

  h.write("post-create", "#!/bin/sh\nexit 0\n", 0600);
  CHECK(hook_state(h.root, "post-create") == HookState::not_executable);
  fs::create_symlink(crm::hooks_dir(h.root) / "pre-create", crm::hooks_dir(h.root) / "pre-change");
  CHECK(hook_state(h.root, "pre-change") == HookState::not_a_file);
  h.write("README", "not a hook");

  std::vector<HookFile> listed = list_hooks(h.root);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].name == "post-create");
  CHECK(listed[1].name == "pre-change");
  CHECK(listed[2].name == "pre-create");
  CHECK(hook_state_name(listed[2].state) == "changed");
  CHECK(hook_state_name(HookState::added) == "new");

  CHECK_THROWS_AS(allow_hooks(h.root, {"pre-change"}), RefusedError);
  CHECK_THROWS_AS(allow_hooks(h.root, {"post-create"}), RefusedError);
  CHECK_THROWS_AS(allow_hooks(h.root, {"post-change"}), NotFoundError);
  CHECK_THROWS_AS(allow_hooks(h.root, {"pre-commit"}), UsageError);
  // No names: every hook that can run; the link and the plain file are left out.
  CHECK(allow_hooks(h.root, {}) == std::vector<std::string>{"pre-create"});
}

TEST_CASE("HookRunner runs allowed hooks only, general then narrowed, warning once per hook",
          "[hooks]") {
  HookDir h;
  h.recorder("pre-create");
  h.recorder("pre-create.lead");
  h.recorder("pre-create.deal");
  Notices n;
  Config config;
  HookRunner runner(h.invocation(), config, n.sink());
  std::vector<HookSubject> two = {created_lead(), created_lead()};
  runner.run_pre(two);
  CHECK(h.ran().empty());
  REQUIRE(n.warnings.size() == 2);  // once per hook, not per record
  CHECK(n.warnings[0] ==
        "hooks/pre-create is not allowed in this clone (new or changed): review it, then run "
        "crm hooks allow pre-create");

  allow_hooks(h.root, {});
  HookRunner allowed(h.invocation({"lead", "add", "--name", "$(touch x); rm -rf y"}), config,
                     n.sink());
  allowed.run_pre({created_lead()});
  CHECK(h.ran() ==
        "pre-create|create|lead add --name $(touch x); rm -rf y\n"
        "pre-create.lead|create|lead add --name $(touch x); rm -rf y\n");
  CHECK_FALSE(fs::exists(h.root / "x"));

  // Changed since allowed: skipped again.
  h.recorder("pre-create.lead");
  crm_test::write_text(h.root / "ran.log", "");
  h.write("pre-create.lead", "#!/bin/sh\ntouch \"$CRM_DIR/changed-ran\"\n");
  Notices later;
  HookRunner again(h.invocation(), config, later.sink());
  again.run_pre({created_lead()});
  CHECK_FALSE(fs::exists(h.root / "changed-ran"));
  REQUIRE(later.warnings.size() == 1);
  CHECK(later.warnings[0].starts_with("hooks/pre-create.lead is not allowed"));
}

TEST_CASE("HookRunner never follows a link in hooks/", "[hooks]") {
  HookDir h;
  TempDir elsewhere;
  fs::path target = elsewhere.path() / "script";
  crm_test::write_text(target, "#!/bin/sh\ntouch \"$CRM_DIR/link-ran\"\n");
  ::chmod(target.c_str(), 0700);
  fs::create_symlink(target, crm::hooks_dir(h.root) / "pre-create");
  Notices n;
  Config config;
  HookRunner runner(h.invocation(), config, n.sink());
  runner.run_pre({created_lead()});
  CHECK_FALSE(fs::exists(h.root / "link-ran"));
  CHECK(n.warnings.empty());
}

TEST_CASE("hook_input: the event, the record before and after, the user and the command",
          "[hooks]") {
  Record before = deal("open", "qualification");
  Record after = deal("won", "qualification");
  HookInvocation invocation{"/data", "ewa", {"deal", "win", "D-7K3QZ9AB"}, 5};
  Config config;
  Value input =
      parse_json(hook_input(HookSubject{"transition", before, after}, invocation, config), "input");
  CHECK(input.get("event") == "transition");
  CHECK(input.get("kind") == "deal");
  CHECK(input.get("id") == "D-7K3QZ9AB");
  CHECK(input.get("user") == "ewa");
  REQUIRE(input.find("command"));
  REQUIRE(input.find("command")->items().size() == 3);
  CHECK(input.find("command")->items()[1].text() == "win");
  CHECK(input.find("before")->get("status") == "open");
  CHECK(input.find("after")->get("status") == "won");
  CHECK(input.find("after")->get("probability") == "100");  // as --json shows the record

  Value created = parse_json(hook_input(created_lead(), invocation, config), "input");
  CHECK(created.find("before")->is_null());
  CHECK(created.find("after")->get("name") == "Jan Kowalski");
}

TEST_CASE("A refusing pre- hook names itself, the record and its message, and a post- hook warns",
          "[hooks]") {
  HookDir h;
  h.write("pre-create.lead",
          "#!/bin/sh\necho 'working...'\necho 'leads need a source' >&2\nexit 3\n");
  h.write("post-create", "#!/bin/sh\necho 'notified\\033[31m'\nexit 0\n");
  h.write("post-create.lead", "#!/bin/sh\necho 'chat is down'\nexit 1\n");
  allow_hooks(h.root, {});
  Notices n;
  Config config;
  HookRunner runner(h.invocation(), config, n.sink());
  auto e = thrown<RefusedError>([&] { runner.run_pre({created_lead()}); });
  CHECK(std::string(e.what()) ==
        "hooks/pre-create.lead refused the creation of lead L-7K3QZ9AB: leads need a source (exit "
        "status 3)");
  CHECK_THAT(e.hint(), Catch::Contains("nothing was written"));

  runner.run_post({created_lead()});
  REQUIRE(n.warnings.size() == 1);
  CHECK(n.warnings[0] ==
        "hooks/post-create.lead failed after the creation of lead L-7K3QZ9AB: chat is down (exit "
        "status 1); the change is made all the same");
  REQUIRE(n.output.size() == 1);
  CHECK(n.output[0] == "post-create: notified\x1b[31m\n");  // the CLI escapes it when printing
}

TEST_CASE("A pre- hook that runs past the timeout, or cannot start, refuses", "[hooks]") {
  HookDir h;
  h.write("pre-create", "#!/bin/sh\nsleep 30\n");
  h.write("pre-change", "no interpreter line: never run through a shell\n");
  allow_hooks(h.root, {});
  Notices n;
  Config config;
  HookInvocation quick = h.invocation();
  quick.timeout_seconds = 0.3;
  HookRunner runner(quick, config, n.sink());
  auto e = thrown<RefusedError>([&] { runner.run_pre({created_lead()}); });
  CHECK_THAT(std::string(e.what()),
             Catch::StartsWith("hooks/pre-create refused the creation of lead L-7K3QZ9AB: it ran "
                               "past its timeout of 0.3 s"));
  HookSubject changed = created_lead();
  changed.event = "change";
  changed.before = changed.after;
  auto f = thrown<RefusedError>([&] { runner.run_pre({changed}); });
  CHECK_THAT(std::string(f.what()), Catch::Contains("it could not be run: Exec format error"));
}

}  // namespace hooks_tests
