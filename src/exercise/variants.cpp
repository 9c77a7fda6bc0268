#include "exercise/variants.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace derive {
namespace {

double round_significant(double value, int figures) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*e", figures > 0 ? figures - 1 : 0, value);
  return std::strtod(buffer, nullptr);
}

Number draw_number(const DrawSpec& draw, VariantRng& rng) {
  switch (draw.kind) {
    case DrawSpec::Kind::Grid: {
      const auto points =
          static_cast<std::uint64_t>(std::floor((draw.max - draw.min) / draw.step + 1e-9)) + 1;
      const auto k = static_cast<double>(rng.index(points));
      return Number::from_double(clean_decimal(draw.min + k * draw.step));
    }
    case DrawSpec::Kind::LogUniform: {
      const double lo = std::log(draw.min), hi = std::log(draw.max);
      return Number::from_double(round_significant(std::exp(lo + rng.unit() * (hi - lo)), draw.significant));
    }
    default:
      return Number();
  }
}

Value draw_value(const DrawSpec& draw, VariantRng& rng) {
  if (draw.kind == DrawSpec::Kind::Choices) return draw.choices[rng.index(draw.choices.size())];
  return Value(draw_number(draw, rng));
}

const char* kind_of(const Value& v) {
  return v.is_list() ? "a list" : v.is_bool() ? "true/false" : "a number";
}

// Evaluates the derived parameters from `env`, which holds every other one, and
// returns all values in declaration order. Derived parameters may read each
// other: whichever is ready is evaluated until none is left; a round without
// progress means a cycle or an unknown name.
Result<ParamValues> complete(const Exercise& exercise, Environment env) {
  std::vector<const ParamDef*> derived;
  for (const ParamDef& p : exercise.params) {
    if (p.draw.kind == DrawSpec::Kind::Derived) derived.push_back(&p);
  }
  while (!derived.empty()) {
    bool progress = false;
    for (auto it = derived.begin(); it != derived.end();) {
      const ParamDef& p = **it;
      bool ready = true;
      for (const auto& name : p.draw.derive->names()) {
        const bool pending =
            std::any_of(derived.begin(), derived.end(), [&](const ParamDef* d) { return d->name == name; });
        ready = ready && !pending;
      }
      if (!ready) {
        ++it;
        continue;
      }
      auto value = p.draw.derive->evaluate(env);
      if (!value) return make_error("parameter '" + p.name + "' (derive): " + value.error().message);
      Value v = *value;
      if (v.is_number() && !v.number().is_exact()) {
        v = Value(Number::from_double(clean_decimal(v.number().to_double())));
      }
      env[p.name] = v;
      it = derived.erase(it);
      progress = true;
    }
    if (!progress) {
      return make_error("parameter '" + derived.front()->name +
                        "' (derive) depends on itself through other derived parameters");
    }
  }
  ParamValues values;
  for (const ParamDef& p : exercise.params) values.emplace_back(p.name, env.at(p.name));
  return values;
}

}  // namespace

double clean_decimal(double value) {
  // A whole number below 10^12 has at most 12 digits: %.12g gives it back as is.
  if (std::fabs(value) < 1e12 && std::trunc(value) == value) return value;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return std::strtod(buffer, nullptr);
}

ParamValues canonical_params(const Exercise& exercise) {
  ParamValues values;
  for (const ParamDef& p : exercise.params) values.emplace_back(p.name, p.canonical);
  return values;
}

Result<ParamValues> draw_params(const Exercise& exercise, VariantRng& rng) {
  Environment env;
  for (const ParamDef& p : exercise.params) {
    if (p.draw.kind == DrawSpec::Kind::Derived) continue;
    if (p.draw.kind == DrawSpec::Kind::Invalid) {
      return make_error("parameter '" + p.name + "' has a draw spec with problems; derive lint says which");
    }
    Value v = p.canonical;
    if (p.draw.kind != DrawSpec::Kind::Fixed) {
      if (p.draw.length > 0) {
        // The reader accepts a length only with numbers to draw.
        NumberList list;
        for (int i = 0; i < p.draw.length; ++i) list.push_back(draw_value(p.draw, rng).number());
        v = Value(std::move(list));
      } else {
        v = draw_value(p.draw, rng);
      }
    }
    env[p.name] = v;
  }
  return complete(exercise, std::move(env));
}

Result<ParamValues> given_params(const Exercise& exercise, const ParamValues& given) {
  Environment env;
  for (const ParamDef& p : exercise.params) {
    if (p.draw.kind != DrawSpec::Kind::Derived) env[p.name] = p.canonical;
  }
  for (const auto& [name, value] : given) {
    // clang 14 (the WebAssembly build) cannot capture a structured binding.
    const std::string& wanted = name;
    const auto def = std::find_if(exercise.params.begin(), exercise.params.end(),
                                  [&](const ParamDef& p) { return p.name == wanted; });
    if (def == exercise.params.end()) {
      std::string known;
      for (const ParamDef& p : exercise.params) {
        if (p.draw.kind != DrawSpec::Kind::Derived) known += (known.empty() ? "" : ", ") + p.name;
      }
      return make_error("exercise '" + exercise.id + "' has no parameter '" + name + "' (it has: " + known +
                        ")");
    }
    if (def->draw.kind == DrawSpec::Kind::Derived) {
      return make_error("parameter '" + name + "' of '" + exercise.id + "' is computed from the others (" +
                        def->draw.derive->text() + "): give those instead");
    }
    if (value.is_list() != def->canonical.is_list() || value.is_bool() != def->canonical.is_bool()) {
      return make_error("parameter '" + name + "' of '" + exercise.id + "' takes " + kind_of(def->canonical) +
                        ", not " + kind_of(value));
    }
    env[name] = value;
  }
  return complete(exercise, std::move(env));
}

}  // namespace derive
