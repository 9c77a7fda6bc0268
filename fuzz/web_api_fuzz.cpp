// Fuzzes the WebAssembly API natively, through the functions src/wasm/bindings.cpp
// calls (derive::web::* in src/exercise/web_api.hpp). The input is
//   call \n exercise id \n variant \n answers or expression
// with the call one of show, card, check, grade, calc; the id a real one or
// any text; the variant any double as JavaScript may send it (NaN,
// infinities, negatives, -0, fractions, 2^53 and past it); the answers joined
// by U+001F as the browser joins them. catalogue and functions, which take
// nothing, are checked once.
//
// Properties: every output is JSON that JSON.parse accepts (strict RFC 8259,
// valid UTF-8 whenever the input was), and either the document the function
// promises or exactly {"error": "..."}; an error exactly when the id is not a
// real one or the variant is not a whole number in [0, 2^53]; a document that
// names the id and variant asked for; a card that extends show's document; a
// grade that is check's document plus a status that agrees with "correct".
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/web_api.hpp"
#include "fuzz_support.hpp"

namespace {

using fuzz::Json;

bool has(const Json& json, const char* key, Json::Kind kind) {
  const Json* member = json.get(key);
  return member && member->is(kind);
}

Json parse(const std::string& text, bool utf8_in, const char* what) {
  Json json = fuzz::require_json(text, what);
  if (utf8_in)
    fuzz::require(fuzz::valid_utf8(text), "valid UTF-8 in, invalid UTF-8 out", text.substr(0, 2000));
  fuzz::require(json.is(Json::Kind::Object), "not a JSON object", text.substr(0, 2000));
  return json;
}

// An error exactly when the id or the variant is not one the API serves.
bool check_error(const Json& json, bool servable, const std::string& text) {
  if (json.get("error")) {
    fuzz::require(fuzz::is_error_document(json), "an error with more than its message", text);
    // A real exercise at a valid variant fails only when no draw is sensible.
    if (servable)
      fuzz::require(json.get("error")->text.find("no sensible variant") != std::string::npos,
                    "an error for a real exercise at a valid variant", text);
    return true;
  }
  fuzz::require(servable, "a document for an unknown id or an invalid variant", text);
  return false;
}

void check_instance(const Json& json, const std::string& id, double variant, const std::string& text) {
  for (const char* key : {"id", "chapter", "title", "prompt", "explanation"})
    fuzz::require(has(json, key, Json::Kind::String), "show lacks a string member", text);
  fuzz::require(json.get("id")->text == id, "show names another exercise", text);
  fuzz::require(has(json, "variant", Json::Kind::Number) && json.get("variant")->number == variant,
                "show names another variant", text);
  fuzz::require(has(json, "params", Json::Kind::Object) && has(json, "answer", Json::Kind::Object),
                "show lacks params or answer", text);
}

void check_verdict(const Json& json, const std::string& text) {
  fuzz::require(has(json, "correct", Json::Kind::Boolean) && has(json, "feedback", Json::Kind::String),
                "a verdict lacks correct or feedback", text);
  const Json* diagnosis = json.get("diagnosis");
  fuzz::require(diagnosis && (diagnosis->is(Json::Kind::String) || diagnosis->is(Json::Kind::Null)),
                "a verdict lacks its diagnosis (a string or null)", text);
}

void once_check_the_constant_documents() {
  static const bool checked = [] {
    const Json catalogue = parse(derive::web::catalogue_json(), true, "catalogue_json is not JSON");
    fuzz::require(has(catalogue, "chapters", Json::Kind::Array), "catalogue_json lacks chapters");
    fuzz::require_json(derive::web::functions_json(), "functions_json is not JSON");
    return true;
  }();
  (void)checked;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  once_check_the_constant_documents();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view name = fuzz::next_line(rest);
  const char* calls[] = {"show", "card", "check", "grade", "calc"};
  int call = name.empty() ? 0 : static_cast<unsigned char>(name[0]) % 5;
  for (int i = 0; i < 5; ++i)
    if (name == calls[i]) call = i;
  const std::string id(fuzz::next_line(rest));
  // As JavaScript would send it: any double, written any way strtod reads
  // ("nan", "-inf", "-0", "1e300", "9007199254740993", "0x1p53").
  const double variant = std::strtod(std::string(fuzz::next_line(rest)).c_str(), nullptr);
  const std::string text(rest);  // answers, or an expression
  const bool utf8_in = fuzz::valid_utf8(id) && fuzz::valid_utf8(text);
  const bool servable = derive::builtin_catalogue().find(id) != nullptr && variant >= 0 &&
                        variant <= 9007199254740992.0 && std::trunc(variant) == variant;

  switch (call) {
    case 0:
    case 1: {  // show, and card: show's document with the card's fields
      const std::string show = derive::web::show_json(id, variant);
      const Json json = parse(show, utf8_in, "show_json is not JSON");
      if (check_error(json, servable, show)) return 0;
      check_instance(json, id, variant, show);
      if (call == 0) return 0;
      const std::string card = derive::web::card_json(id, variant);
      const Json card_json = parse(card, utf8_in, "card_json is not JSON");
      fuzz::require(card.compare(0, show.size() - 1, show, 0, show.size() - 1) == 0,
                    "a card does not extend show's document", card);
      for (const char* key : {"parts", "steps", "variables"})
        fuzz::require(has(card_json, key, Json::Kind::Array), "a card lacks an array member", card);
      fuzz::require(
          has(card_json, "symbolic", Json::Kind::Boolean) && has(card_json, "kilobyte", Json::Kind::Number),
          "a card lacks symbolic or kilobyte", card);
      return 0;
    }
    case 2:
    case 3: {  // check, and grade: check's document plus a status
      // Answers arrive joined by the separator, as the bindings pass them.
      const std::string checked = derive::web::check_json(id, variant, text);
      const Json json = parse(checked, utf8_in, "check_json is not JSON");
      if (check_error(json, servable, checked)) return 0;
      check_verdict(json, checked);
      if (call == 2) return 0;
      const std::string graded = derive::web::grade_json(id, variant, text);
      const Json grade = parse(graded, utf8_in, "grade_json is not JSON");
      fuzz::require(graded.compare(0, checked.size() - 1, checked, 0, checked.size() - 1) == 0,
                    "a grade does not extend check's document", graded);
      const Json* status = grade.get("status");
      fuzz::require(status && (status->text == "correct" || status->text == "incorrect" ||
                               status->text == "unreadable"),
                    "a grade without a known status", graded);
      fuzz::require((status->text == "correct") == json.get("correct")->boolean,
                    "a grade's status disagrees with 'correct'", graded);
      return 0;
    }
    default: {  // calc
      const std::string result = derive::web::calc_json(text);
      const Json json = parse(result, utf8_in, "calc_json is not JSON");
      if (json.get("error")) {
        fuzz::require(fuzz::is_error_document(json), "an error with more than its message", result);
        return 0;
      }
      const Json* value = json.get("value");
      fuzz::require(value && (value->is(Json::Kind::Number) || value->is(Json::Kind::Boolean) ||
                              value->is(Json::Kind::Array)),
                    "calc's value is not a number, a boolean or a list", result);
      fuzz::require(has(json, "unit", Json::Kind::String) && has(json, "text", Json::Kind::String),
                    "calc lacks unit or text", result);
      return 0;
    }
  }
}
