// Real variants: reference expressions into the data files, and the question
// built from a real parameter set (docs/catalogue-format.md, "Real variants").
#include <cctype>
#include <vector>

#include "derive/exercise/exercise.hpp"

namespace derive {
namespace {

bool reference_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

// Every "@kind:key.field" of `reference`, with where it starts and ends. The
// key may hold dots and hyphens ("llama-3.1-70b", "qwen2-0.5b"): a reference
// runs to the first character that is not a letter, digit, '.', '-' or '_',
// and the field is the part after its last dot (write spaces around an
// operator that follows a reference: "@llm:llama-3-8b.num_hidden_layers - 1").
struct ReferenceSpan {
  std::size_t start, end;
  RealReference names;
};

Result<std::vector<ReferenceSpan>> scan_references(std::string_view reference) {
  std::vector<ReferenceSpan> spans;
  for (std::size_t i = reference.find('@'); i != std::string_view::npos; i = reference.find('@', i)) {
    const std::size_t start = i++;
    const std::size_t colon = reference.find(':', i);
    std::size_t end = colon == std::string_view::npos ? reference.size() : colon + 1;
    while (end < reference.size() && reference_char(reference[end])) ++end;
    const std::string_view whole = reference.substr(start, end - start);
    const std::size_t dot = whole.rfind('.');
    const std::size_t kind_end = whole.find(':');
    if (colon == std::string_view::npos || kind_end == std::string_view::npos || kind_end < 2 ||
        dot == std::string_view::npos || dot < kind_end + 2 || dot + 1 == whole.size()) {
      return make_error("reference \"" + std::string(whole) +
                        "\" must look like @kind:key.field (kind llm, gpu or board), e.g. "
                        "@llm:llama-3-8b.num_hidden_layers");
    }
    spans.push_back(
        {start,
         end,
         {std::string(whole.substr(1, kind_end - 1)),
          std::string(whole.substr(kind_end + 1, dot - kind_end - 1)), std::string(whole.substr(dot + 1))}});
    i = end;
  }
  return spans;
}

}  // namespace

Result<std::vector<RealReference>> real_references(std::string_view reference) {
  DERIVE_TRY(const std::vector<ReferenceSpan> spans, scan_references(reference));
  std::vector<RealReference> names;
  for (const ReferenceSpan& span : spans) names.push_back(span.names);
  return names;
}

// Each reference becomes a variable bound to its number, so the arithmetic
// around references is the expression language's own.
Result<Value> resolve_real_reference(std::string_view reference, const RealResolver& resolver) {
  DERIVE_TRY(const std::vector<ReferenceSpan> spans, scan_references(reference));
  std::string rewritten;
  Environment env;
  std::size_t copied = 0;
  for (const ReferenceSpan& span : spans) {
    const RealReference& r = span.names;
    auto number = resolver(r.kind, r.key, r.field);
    if (!number) {
      return make_error("reference " + std::string(reference.substr(span.start, span.end - span.start)) +
                        ": " + number.error().message);
    }
    const std::string name = "real_reference_" + std::to_string(env.size());
    env.emplace(name, Value(*number));
    rewritten.append(reference.substr(copied, span.start - copied)).append(name);
    copied = span.end;
  }
  rewritten.append(reference.substr(copied));
  auto expression = Expression::parse(rewritten);
  if (!expression)
    return make_error("reference \"" + std::string(reference) + "\": " + expression.error().message);
  auto value = expression->evaluate(env);
  if (!value) return make_error("reference \"" + std::string(reference) + "\": " + value.error().message);
  return value;
}

const RealVariant* Exercise::find_real(std::string_view name) const {
  for (const RealVariant& r : real)
    if (r.name == name) return &r;
  return nullptr;
}

Result<Instance> instantiate_real(const Exercise& exercise, std::string_view name, Texts texts) {
  const RealVariant* real = exercise.find_real(name);
  if (!real) {
    std::string names;
    for (const RealVariant& r : exercise.real) names += (names.empty() ? "" : ", ") + r.name;
    return make_error(exercise.id + " has no real variant \"" + std::string(name) + "\"" +
                      (names.empty() ? std::string(" (it has none)") : " (it has: " + names + ")"));
  }
  std::vector<std::pair<std::string, Value>> given;
  for (const RealValue& v : real->values) {
    if (!v.value) {
      return make_error(exercise.id + " real variant " + real->name + ": parameter '" + v.param +
                        "' refers to " + v.reference +
                        ", which this build has not resolved (load the catalogue with a RealResolver)");
    }
    given.emplace_back(v.param, *v.value);
  }
  auto in = instantiate_with(exercise, given, texts);
  if (!in) return make_error("real variant " + real->name + ": " + in.error().message);
  in->real = real->name;
  in->source = real->source;
  if (texts == Texts::All) in->prompt = real->source + " " + in->prompt;
  return in;
}

}  // namespace derive
