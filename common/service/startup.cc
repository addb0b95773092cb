#include "common/service/startup.h"

#include <cstdlib>
#include <iostream>

#include <algorithm>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "common/crypto/crypto.h"
#include "common/logging/log.h"

ABSL_DECLARE_FLAG(std::string, log_level);

namespace portal::service {

absl::Status Start(absl::string_view service, int argc, char** argv,
                   absl::Span<const absl::string_view> flags) {
  std::vector<absl::string_view> all_flags(flags.begin(), flags.end());
  for (absl::string_view common : {"log_level", "shutdown_grace_seconds"}) {
    if (std::find(all_flags.begin(), all_flags.end(), common) == all_flags.end()) {
      all_flags.push_back(common);
    }
  }
  absl::StatusOr<std::vector<char*>> arguments =
      config::ParseFlagsAndEnvironment(argc, argv, all_flags);
  if (!arguments.ok()) return arguments.status();
  if (arguments->size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", (*arguments)[1],
                                                   "\"; settings are flags such as --log_level"));
  }

  const std::string level = absl::GetFlag(FLAGS_log_level);
  log::Severity severity;
  if (!log::ParseSeverity(level, &severity)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --log_level \"", level, "\": use debug, info, warning or error"));
  }
  log::Configure(std::string(service), severity);
  log::Info("starting");
  config::LogEffectiveValues(all_flags);
  return absl::OkStatus();
}

int Fail(absl::string_view program, const absl::Status& status) {
  log::Error("start-up failed", {{"error", std::string(status.message())}});
  std::cerr << program << ": " << status.message() << "\n";
  return EXIT_FAILURE;
}

absl::StatusOr<std::string> LoadBase64Key(absl::string_view variable, size_t size) {
  absl::StatusOr<std::string> encoded = config::ReadSecret(variable);
  if (!encoded.ok()) return encoded.status();
  absl::StatusOr<std::string> key = crypto::Base64Decode(*encoded);
  if (!key.ok() || key->size() != size) {
    return absl::InvalidArgumentError(absl::StrCat(
        variable, " must be ", size, " bytes in base64, for example from `openssl rand -base64 ",
        size, "`"));
  }
  return *key;
}

}  // namespace portal::service
