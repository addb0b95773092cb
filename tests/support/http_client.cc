#include "tests/support/http_client.h"

#include <fstream>
#include <sstream>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/ascii.h"

namespace portal::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

std::string HttpResult::Header(const std::string& lowercase_name) const {
  auto it = headers.find(lowercase_name);
  return it == headers.end() ? "" : it->second;
}

HttpResult HttpCall(int port, const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers, const std::string& body) {
  HttpResult result;
  net::io_context io_context;
  beast::tcp_stream stream(io_context);
  beast::error_code error;
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"),
                                        static_cast<unsigned short>(port)),
                 error);
  if (error) return result;

  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST") request.prepare_payload();
  http::write(stream, request, error);
  if (error) return result;

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 << 20);
  http::read(stream, buffer, parser, error);
  if (error) return result;

  const auto& response = parser.get();
  result.status = response.result_int();
  for (const auto& field : response) {
    result.headers[absl::AsciiStrToLower(std::string(field.name_string()))] =
        std::string(field.value());
  }
  result.body = response.body();
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, error);
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace portal::testing
