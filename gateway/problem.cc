#include "gateway/problem.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace portal::gateway {

std::string StatusTitle(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 403: return "Forbidden";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 408: return "Request timeout";
    case 409: return "Conflict";
    case 411: return "Length required";
    case 413: return "Content too large";
    case 415: return "Unsupported media type";
    case 422: return "Validation failed";
    case 429: return "Too many requests";
    case 431: return "Request header fields too large";
    case 500: return "Internal server error";
    case 503: return "Service unavailable";
    case 504: return "Gateway timeout";
    default: return "Error";
  }
}

std::string ProblemBody(const Problem& problem, const std::string& request_id) {
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = problem.title.empty() ? StatusTitle(problem.status) : problem.title;
  body["status"] = problem.status;
  body["detail"] = problem.detail;
  body["request_id"] = request_id;
  if (!problem.errors.empty()) {
    boost::json::array errors;
    for (const FieldError& error : problem.errors) {
      errors.push_back(boost::json::object{{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(errors);
  }
  return boost::json::serialize(body);
}

}  // namespace portal::gateway
