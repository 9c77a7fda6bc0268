#include "core/registry_helpers.hpp"

namespace derive {
namespace {

ParamSpec spec_of(const Param& p, ParamKind kind) {
  ParamSpec spec{p.name, kind, p.unit, p.help, std::nullopt};
  if (kind == ParamKind::Bool && p.default_flag) spec.default_value = Value(*p.default_flag);
  if (kind == ParamKind::Count && p.default_number)
    spec.default_value = Value::integer(static_cast<std::int64_t>(*p.default_number));
  // A whole default (4) is stored as an exact Number, the same Value as Value::integer(4).
  if (kind == ParamKind::Real && p.default_number) spec.default_value = Value::real(*p.default_number);
  assert((!p.default_flag || kind == ParamKind::Bool) &&
         "a true/false default on a parameter that is not bool");
  assert((!p.default_number || kind == ParamKind::Count || kind == ParamKind::Real) &&
         "a number default on a parameter that is not a number");
  return spec;
}

}  // namespace

void add_all(Registry& registry, std::span<const EngineFunction> functions) {
  for (const EngineFunction& f : functions) {
    assert(f.params.size() == f.signature.arity && "one Param per parameter of the function");
    FunctionSpec spec{f.entry.name, f.entry.summary,     f.entry.source,  f.entry.topic,
                      {},           f.entry.result_unit, f.signature.call};
    spec.params.reserve(f.params.size());
    const Param* params = f.params.begin();
    for (std::size_t i = 0; i < f.params.size(); ++i)
      spec.params.push_back(spec_of(params[i], f.signature.kinds[i]));
    registry.add(std::move(spec));
  }
}

}  // namespace derive
