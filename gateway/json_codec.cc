#include "gateway/json_codec.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace portal::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr int kMaxDepth = 16;

std::string Join(const std::string& path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

absl::Status WrongType(const std::string& path, absl::string_view expected,
                       std::vector<FieldError>* errors) {
  const std::string message = absl::StrCat("must be ", expected);
  errors->push_back({path, message});
  return absl::InvalidArgumentError(absl::StrCat(path, " ", message));
}

absl::Status CheckObject(const boost::json::value& value, const Descriptor* descriptor,
                         const std::string& path, int depth, std::vector<FieldError>* errors);

// Checks one non-repeated value (or one element of a repeated field).
absl::Status CheckScalar(const boost::json::value& value, const FieldDescriptor* field,
                         const std::string& path, int depth, std::vector<FieldError>* errors) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return CheckObject(value, field->message_type(), path, depth + 1, errors);
    case FieldDescriptor::CPPTYPE_STRING:
      if (!value.is_string()) return WrongType(path, "a string", errors);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!value.is_bool()) return WrongType(path, "true or false", errors);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      std::string names;
      for (int i = 0; i < field->enum_type()->value_count(); ++i) {
        const std::string& name = field->enum_type()->value(i)->name();
        if (absl::EndsWith(name, "_UNSPECIFIED")) continue;
        absl::StrAppend(&names, names.empty() ? "" : ", ", name);
      }
      if (!value.is_string()) return WrongType(path, absl::StrCat("one of ", names), errors);
      const std::string name(value.as_string().data(), value.as_string().size());
      const auto* enum_value = field->enum_type()->FindValueByName(name);
      if (enum_value == nullptr || absl::EndsWith(name, "_UNSPECIFIED")) {
        return WrongType(path, absl::StrCat("one of ", names, "; \"", name, "\" is not"), errors);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      if (!value.is_int64() && !value.is_uint64()) return WrongType(path, "a whole number", errors);
      return absl::OkStatus();
    default:
      if (!value.is_number()) return WrongType(path, "a number", errors);
      return absl::OkStatus();
  }
}

absl::Status CheckObject(const boost::json::value& value, const Descriptor* descriptor,
                         const std::string& path, int depth, std::vector<FieldError>* errors) {
  if (depth > kMaxDepth) return WrongType(path, "less deeply nested", errors);
  if (!value.is_object()) return WrongType(path.empty() ? "body" : path, "an object", errors);

  for (const auto& member : value.as_object()) {
    const std::string key(member.key().data(), member.key().size());
    const std::string field_path = Join(path, key);
    const FieldDescriptor* field = descriptor->FindFieldByName(key);
    if (field == nullptr) {
      errors->push_back({field_path, "is not a known field; remove it"});
      return absl::InvalidArgumentError(absl::StrCat("unknown field ", field_path));
    }
    if (member.value().is_null()) continue;

    if (field->is_repeated()) {
      if (!member.value().is_array()) return WrongType(field_path, "an array", errors);
      const boost::json::array& elements = member.value().as_array();
      for (size_t i = 0; i < elements.size(); ++i) {
        const std::string element_path = absl::StrCat(field_path, "[", i, "]");
        if (elements[i].is_null()) return WrongType(element_path, "a value, not null", errors);
        absl::Status status = CheckScalar(elements[i], field, element_path, depth, errors);
        if (!status.ok()) return status;
      }
      continue;
    }
    absl::Status status = CheckScalar(member.value(), field, field_path, depth, errors);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseStrictJson(absl::string_view body, google::protobuf::Message* message,
                             std::vector<FieldError>* errors) {
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = kMaxDepth * 2;
  boost::json::value document =
      boost::json::parse(boost::json::string_view(body.data(), body.size()), error, {}, options);
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("the body is not valid JSON in UTF-8: ", error.message()));
  }

  absl::Status shape = CheckObject(document, message->GetDescriptor(), "", 0, errors);
  if (!shape.ok()) return shape;

  google::protobuf::util::JsonParseOptions parse_options;
  parse_options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), message, parse_options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the body does not match the schema: ", status.message().as_string()));
  }
  return absl::OkStatus();
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

}  // namespace portal::gateway
