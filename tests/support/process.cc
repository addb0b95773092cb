#include "tests/support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/json/parse.hpp>

#include "absl/strings/str_split.h"
#include "common/crypto/crypto.h"

extern char** environ;

namespace portal::testing {

std::string BuildDir() {
  if (const char* dir = std::getenv("PORTAL_BUILD_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return PORTAL_TEST_BUILD_DIR;
}

std::string SharedDataDir() {
  if (const char* dir = std::getenv("PORTAL_SHARED_DATA"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return std::string(PORTAL_TEST_SOURCE_DIR) + "/../shared/data";
}

std::string MakeTempDir(const std::string& prefix) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    (prefix + "-" + crypto::HexEncode(crypto::RandomBytes(6)));
  std::filesystem::create_directories(dir);
  return dir.string();
}

Process::Process(std::vector<std::string> argv, std::map<std::string, std::string> environment,
                 std::string log_path)
    : log_path_(std::move(log_path)) {
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    if (environment.count(name) == 0) env_strings.push_back(text);
  }
  for (const auto& [name, value] : environment) env_strings.push_back(name + "=" + value);

  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  std::vector<char*> envs;
  for (std::string& env : env_strings) envs.push_back(env.data());
  envs.push_back(nullptr);

  pid_ = fork();
  if (pid_ == 0) {
    const int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (log >= 0) {
      dup2(log, STDOUT_FILENO);
      dup2(log, STDERR_FILENO);
    }
    execve(args[0], args.data(), envs.data());
    _exit(127);
  }
}

Process::~Process() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

int Process::WaitForPort(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::istringstream lines(ReadLog());
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"server started\"") == std::string::npos) continue;
      boost::system::error_code error;
      boost::json::value value = boost::json::parse(line, error);
      if (!error && value.is_object() && value.as_object().contains("port")) {
        return static_cast<int>(value.as_object().at("port").to_number<int64_t>());
      }
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

int Process::Terminate(std::chrono::milliseconds timeout) {
  if (exited_) return -1;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

CommandResult RunCommand(std::vector<std::string> argv,
                         std::map<std::string, std::string> environment,
                         std::chrono::milliseconds timeout) {
  const std::string dir = MakeTempDir("portal-command");
  const std::string log = dir + "/output";
  CommandResult result;
  {
    Process process(std::move(argv), std::move(environment), log);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(process.pid_, &status, WNOHANG) == process.pid_) {
        process.exited_ = true;
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    result.output = process.ReadLog();
  }
  std::filesystem::remove_all(dir);
  return result;
}

std::string Process::ReadLog() const {
  std::ifstream file(log_path_);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace portal::testing
