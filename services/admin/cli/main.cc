// portal-admin: the case workers' client of the admin service.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/admin/cli/command.h"

namespace {

using portal::admin::cli::Arguments;
using portal::admin::cli::Command;
using portal::admin::cli::CommandTable;
using portal::admin::cli::OptionSpec;

std::vector<OptionSpec> AllOptions(const Command& command) {
  std::vector<OptionSpec> options = command.options;
  if (command.needs_server) {
    for (OptionSpec& option : portal::admin::cli::ServerOptions()) options.push_back(option);
    options.push_back({"json", false, false, "Print protobuf JSON instead of a table."});
  }
  options.push_back({"help", false, false, "Show this help."});
  return options;
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "usage: portal-admin " << command.name << " [options]"
      << (command.usage.empty() ? "" : " ") << command.usage << "\n\n"
      << command.summary << "\n\noptions:\n";
  for (const OptionSpec& option : AllOptions(command)) {
    std::string name = absl::StrCat("  --", option.name, option.takes_value ? " VALUE" : "");
    if (name.size() < 24) name.resize(24, ' ');
    out << name << " " << option.help << "\n";
  }
}

void PrintHelp(const CommandTable& table, std::ostream& out) {
  out << "usage: portal-admin COMMAND [options] [arguments]\n\n"
         "Reviews company registrations through the admin service.\n\ncommands:\n";
  for (const Command& command : table) {
    std::string name = absl::StrCat("  ", command.name);
    if (name.size() < 14) name.resize(14, ' ');
    out << name << " " << command.summary << "\n";
  }
  out << "\n`portal-admin COMMAND --help` describes a command's options.\n\n"
         "environment:\n"
         "  PORTAL_ADMIN_TARGET  admin service address (default 127.0.0.1:50052)\n"
         "  PORTAL_ADMIN_TOKEN   bearer token of the case worker\n\n"
         "exit codes:\n"
         "  0 success, 1 other failure (for example the server is unavailable),\n"
         "  2 usage error or invalid request, 3 not found,\n"
         "  4 not authenticated or permission denied, 5 conflict (stale version or status)\n";
}

// Parses `words` against the command's options. Returns false, with the reason on
// stderr, for an unknown option or a missing value.
bool Parse(const Command& command, const std::vector<std::string>& words, Arguments& arguments) {
  const std::vector<OptionSpec> options = AllOptions(command);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!absl::StartsWith(word, "--") || word == "--") {
      arguments.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::string value;
    bool has_inline_value = false;
    if (size_t equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
      has_inline_value = true;
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& option : options) {
      if (option.name == name) spec = &option;
    }
    if (spec == nullptr) {
      std::cerr << "portal-admin " << command.name << ": unknown option --" << name
                << "; see `portal-admin " << command.name << " --help`\n";
      return false;
    }
    if (spec->takes_value && !has_inline_value) {
      if (i + 1 >= words.size()) {
        std::cerr << "portal-admin " << command.name << ": --" << name << " needs a value\n";
        return false;
      }
      value = words[++i];
    } else if (!spec->takes_value && has_inline_value) {
      std::cerr << "portal-admin " << command.name << ": --" << name << " takes no value\n";
      return false;
    }
    if (!spec->repeatable && arguments.Has(name)) {
      std::cerr << "portal-admin " << command.name << ": --" << name << " given twice\n";
      return false;
    }
    arguments.options[name].push_back(value);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CommandTable table;
  portal::admin::cli::AddReviewCommands(table);
  portal::admin::cli::AddAuditCommands(table);

  // Options may come before the command name, for example `portal-admin --json list`.
  std::vector<std::string> leading;
  std::vector<std::string> rest;
  std::string name;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (name.empty() && absl::StartsWith(word, "-")) {
      leading.push_back(word);
    } else if (name.empty()) {
      name = word;
    } else {
      rest.push_back(word);
    }
  }
  if (name.empty() || name == "help") {
    const bool asked = name == "help" || (!leading.empty() && (leading[0] == "--help" || leading[0] == "-h"));
    PrintHelp(table, asked ? std::cout : std::cerr);
    return asked ? portal::admin::cli::kExitOk : portal::admin::cli::kExitUsage;
  }

  const Command* command = nullptr;
  for (const Command& candidate : table) {
    if (candidate.name == name) command = &candidate;
  }
  if (command == nullptr) {
    std::cerr << "portal-admin: unknown command \"" << name << "\"; see `portal-admin --help`\n";
    return portal::admin::cli::kExitUsage;
  }

  std::vector<std::string> words = leading;
  words.insert(words.end(), rest.begin(), rest.end());
  Arguments arguments;
  if (!Parse(*command, words, arguments)) return portal::admin::cli::kExitUsage;
  if (arguments.Has("help")) {
    PrintCommandHelp(*command, std::cout);
    return portal::admin::cli::kExitOk;
  }
  portal::admin::cli::Invocation invocation{arguments, std::cout, std::cerr,
                                            arguments.Has("json")};
  return command->run(invocation);
}
