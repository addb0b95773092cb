// Starts a real binary for a test, and stops it by its PID.
#ifndef PORTAL_TESTS_SUPPORT_PROCESS_H_
#define PORTAL_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace portal::testing {

// Returns PORTAL_BUILD_DIR, set by tests/run, or the build folder this test was built in.
std::string BuildDir();

// Returns PORTAL_SHARED_DATA, set by tests/run, or ../shared/data beside the checkout.
std::string SharedDataDir();

// Returns a new empty folder under the system's temporary folder.
std::string MakeTempDir(const std::string& prefix);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together.
};

// Runs a command to completion (at most `timeout`, then SIGKILL) and returns its output.
CommandResult RunCommand(std::vector<std::string> argv,
                         std::map<std::string, std::string> environment,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

class Process {
 public:
  // Starts `argv[0]` with `argv` and the current environment plus `environment`; stdout
  // and stderr go to `log_path`.
  Process(std::vector<std::string> argv, std::map<std::string, std::string> environment,
          std::string log_path);
  // Sends SIGKILL if the process is still running.
  ~Process();

  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Waits for the JSON log line "server started" and returns its "port", or -1 if the
  // process exits or `timeout` passes first.
  int WaitForPort(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Sends SIGTERM and returns the exit status, or -1 if it did not exit within `timeout`.
  int Terminate(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  std::string ReadLog() const;
  pid_t pid() const { return pid_; }

 private:
  friend CommandResult RunCommand(std::vector<std::string>, std::map<std::string, std::string>,
                                  std::chrono::milliseconds);

  pid_t pid_ = -1;
  std::string log_path_;
  bool exited_ = false;
};

}  // namespace portal::testing

#endif  // PORTAL_TESTS_SUPPORT_PROCESS_H_
