// Strict JSON to protobuf conversion for public request bodies, and protobuf to JSON.
#ifndef PORTAL_GATEWAY_JSON_CODEC_H_
#define PORTAL_GATEWAY_JSON_CODEC_H_

#include <string>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gateway/problem.h"

namespace portal::gateway {

// Parses `body` into `message`, stricter than the protobuf JSON parser alone: field names
// must be the exact snake_case proto names (no lowerCamelCase aliases), enum values must
// be their names as strings and not the *_UNSPECIFIED placeholder, integers must be JSON
// numbers, and null means absent. Invalid UTF-8, syntax errors, unknown fields and wrong
// JSON types all fail INVALID_ARGUMENT; `errors` receives the field path when one applies.
absl::Status ParseStrictJson(absl::string_view body, google::protobuf::Message* message,
                             std::vector<FieldError>* errors);

// Prints with the proto field names, enum names as strings, and false or zero fields
// included; proto3 `optional` fields appear only when set.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_JSON_CODEC_H_
