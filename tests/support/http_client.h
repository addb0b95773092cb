// A minimal synchronous HTTP/1.1 client over loopback, for driving the real gateway.
#ifndef PORTAL_TESTS_SUPPORT_HTTP_CLIENT_H_
#define PORTAL_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <map>
#include <string>

namespace portal::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed.
  std::map<std::string, std::string> headers;  // Names in lowercase.
  std::string body;

  std::string Header(const std::string& lowercase_name) const;
};

// Sends one request to 127.0.0.1:`port` on a new connection.
HttpResult HttpCall(int port, const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers = {},
                    const std::string& body = "");

std::string ReadFile(const std::string& path);

}  // namespace portal::testing

#endif  // PORTAL_TESTS_SUPPORT_HTTP_CLIENT_H_
