// application/problem+json (RFC 9457) bodies, the only error format at the HTTP edge.
#ifndef PORTAL_GATEWAY_PROBLEM_H_
#define PORTAL_GATEWAY_PROBLEM_H_

#include <optional>
#include <string>
#include <vector>

namespace portal::gateway {

struct FieldError {
  std::string field;
  std::string message;
};

struct Problem {
  int status = 500;
  std::string title;
  std::string detail;
  std::vector<FieldError> errors;       // Printed only when not empty.
  std::optional<int> retry_after_seconds;  // Sent as the Retry-After header.
  std::string allow;                    // Sent as the Allow header on 405.
};

// Returns the JSON body: type, title, status, detail, request_id and, when present, errors.
std::string ProblemBody(const Problem& problem, const std::string& request_id);

// The standard reason phrase for a status, used as the title when none is given.
std::string StatusTitle(int status);

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_PROBLEM_H_
