// Measures the submission path under a deadline-day surge: starts the real registration
// service and gateway on loopback, sends a bounded number of distinct registrations from
// several keep-alive connections at once, and prints throughput, latency percentiles and
// the processes' peak memory. Stops by itself after --requests or --max_seconds.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

struct Options {
  int requests = 3000;
  int connections = 16;
  int max_seconds = 120;
  bool mariadb = false;
};

// Peak resident memory of a process in KiB (VmHWM), or -1.
long PeakMemoryKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

// Spells a number with letters only, so every generated company name is distinct after
// normalization (digits would be too, but letters read as names).
std::string Letters(int number) {
  std::string word;
  do {
    word.push_back(static_cast<char>('a' + number % 26));
    number /= 26;
  } while (number > 0);
  return word;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name, int* out) {
      const std::string prefix = std::string("--") + name + "=";
      if (arg.rfind(prefix, 0) != 0) return false;
      if (!absl::SimpleAtoi(arg.substr(prefix.size()), out) || *out <= 0) {
        std::cerr << "invalid " << arg << ": expected a positive whole number\n";
        std::exit(2);
      }
      return true;
    };
    if (value("requests", &options.requests) || value("connections", &options.connections) ||
        value("max_seconds", &options.max_seconds)) {
      continue;
    }
    if (arg == "--mariadb") {
      options.mariadb = true;
      continue;
    }
    std::cerr << "usage: portal_submit_benchmark [--requests=N] [--connections=N] "
                 "[--max_seconds=N] [--mariadb]\n";
    return 2;
  }

  portal::testing::TestDatabase database(options.mariadb ? portal::testing::TestBackend::kMariaDb
                                                         : portal::testing::TestBackend::kSqlite);
  if (!database.ok()) return 1;
  const std::string work = portal::testing::MakeTempDir("portal-benchmark");
  const std::string build = portal::testing::BuildDir();
  portal::testing::Process registration(
      {build + "/services/registration/portal-registration", "--registration_listen=127.0.0.1:0",
      },
      {{"PORTAL_DB_URL", database.url()},
       {"PORTAL_REGISTRATION_TOKEN_KEY", absl::Base64Escape(portal::crypto::RandomBytes(32))}},
      work + "/registration.log");
  const int registration_port = registration.WaitForPort();
  portal::testing::Process gateway(
      {build + "/gateway/portal-gateway", "--gateway_listen=127.0.0.1:0",
       absl::StrCat("--gateway_registration_target=127.0.0.1:", registration_port),
       "--gateway_rate_limit_burst=1000000", "--gateway_rate_limit_per_minute=1000000",
      },
      {}, work + "/gateway.log");
  const int port = gateway.WaitForPort();
  if (registration_port <= 0 || port <= 0) {
    std::cerr << "the portal did not start; logs in " << work << "\n";
    return 1;
  }

  const std::string template_body = portal::testing::ReadFile(
      portal::testing::SharedDataDir() + "/registrations/registration-001.json");
  boost::json::object document = boost::json::parse(template_body).as_object();

  std::atomic<int> next{0};
  std::atomic<int> created{0};
  std::atomic<int> failed{0};
  std::mutex latencies_mutex;
  std::vector<double> latencies_ms;
  const Clock::time_point started = Clock::now();
  const Clock::time_point give_up = started + std::chrono::seconds(options.max_seconds);

  std::vector<std::thread> workers;
  for (int c = 0; c < options.connections; ++c) {
    workers.emplace_back([&] {
      net::io_context io_context;
      beast::tcp_stream stream(io_context);
      beast::error_code error;
      stream.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)},
                     error);
      if (error) return;
      beast::flat_buffer buffer;
      std::vector<double> local;
      for (int n = next.fetch_add(1); n < options.requests && Clock::now() < give_up;
           n = next.fetch_add(1)) {
        boost::json::object body = document;
        body["company"].as_object()["proposed_name"] = "Surge " + Letters(n) + " Ltd";
        http::request<http::string_body> request{http::verb::post, "/api/v1/registrations", 11};
        request.set(http::field::host, "127.0.0.1");
        request.set(http::field::content_type, "application/json");
        request.set("Idempotency-Key", absl::StrCat("bench-", n));
        request.body() = boost::json::serialize(body);
        request.prepare_payload();

        const Clock::time_point sent = Clock::now();
        http::write(stream, request, error);
        http::response<http::string_body> response;
        if (!error) http::read(stream, buffer, response, error);
        if (error) {
          failed.fetch_add(1);
          break;
        }
        local.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        (response.result_int() == 201 ? created : failed).fetch_add(1);
      }
      std::lock_guard<std::mutex> lock(latencies_mutex);
      latencies_ms.insert(latencies_ms.end(), local.begin(), local.end());
    });
  }
  for (std::thread& worker : workers) worker.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto percentile = [&](double p) {
    if (latencies_ms.empty()) return 0.0;
    return latencies_ms[std::min(latencies_ms.size() - 1,
                                 static_cast<size_t>(p * static_cast<double>(latencies_ms.size())))];
  };
  std::printf("backend: %s, connections: %d, requests: %zu in %.2f s\n",
              options.mariadb ? "MariaDB" : "SQLite", options.connections, latencies_ms.size(),
              seconds);
  std::printf("created: %d, failed: %d, throughput: %.1f submissions/s\n", created.load(),
              failed.load(), static_cast<double>(created.load()) / seconds);
  std::printf("latency ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n", percentile(0.50),
              percentile(0.95), percentile(0.99), latencies_ms.empty() ? 0.0 : latencies_ms.back());
  std::printf("peak memory KiB: gateway %ld, registration %ld\n", PeakMemoryKib(gateway.pid()),
              PeakMemoryKib(registration.pid()));

  gateway.Terminate();
  registration.Terminate();
  return failed.load() == 0 ? 0 : 1;
}
