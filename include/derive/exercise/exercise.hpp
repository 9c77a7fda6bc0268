// Exercises as data: the catalogue model, its loading and linting, variant
// drawing and instantiation. The file format is documented in
// docs/catalogue-format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/formula.hpp"
#include "derive/exercise/template.hpp"
#include "derive/expr/expression.hpp"
#include "derive/result.hpp"
#include "derive/units/units.hpp"
#include "derive/value.hpp"

namespace derive {

// How precisely the prompt asks for an answer part.
struct Precision {
  enum class Kind { Exact, Decimals, Significant };
  Kind kind = Kind::Significant;
  int digits = 3;  // decimals or significant figures; unused for Exact
};

// Bounds on the settings of a draw spec, checked when the catalogue is read:
// generous for any question, and small enough that drawing stays instant.
inline constexpr int kMaxDrawSignificant = 15;           // log draws: significant figures, 1..15
inline constexpr int kMaxDrawLength = 64;                // lists: length, 1..64
inline constexpr std::size_t kMaxDrawChoices = 1000;     // choices: 1..1000 values
inline constexpr double kMaxDrawGridPoints = 1'000'000;  // grids: (max - min) / step + 1

// How a parameter's value is drawn for variants >= 1.
struct DrawSpec {
  // Invalid: the spec failed validation (lint says why); variants >= 1 of its
  // exercise cannot be drawn, variant 0 still can.
  enum class Kind { Fixed, Grid, LogUniform, Choices, Derived, Invalid };
  Kind kind = Kind::Fixed;
  double min = 0, max = 0, step = 0;  // Grid: min + k*step <= max; LogUniform: min, max
  int significant = 2;                // LogUniform: rounding of the drawn value
  std::vector<Value> choices;         // Choices
  std::optional<Expression> derive;   // Derived: computed from other parameters
  int length = 0;                     // > 0: a list of `length` numbers, each drawn as above
};

struct ParamDef {
  std::string name;
  Value canonical;  // variant 0
  DrawSpec draw;
  int line = 0;  // where it is defined, for lint messages
};

struct Definition {  // one "name = expression" of `let`
  std::string name;
  Expression expression;
  int line = 0;  // of the entry in the catalogue file, for lint messages
};

struct AnswerPart {
  Expression expression;
  std::string unit_text;  // as the catalogue spells it: "MB", "KB", "MMACs", "ratio"
  Unit unit;              // parsed, for conversion
  Precision precision;
  // No precision given: exact when the canonical answer is a whole number,
  // else 3 significant figures (decided when the catalogue is loaded).
  bool default_precision = false;
};

struct Mistake {
  std::size_t part = 0;
  Expression answer;  // what the slip produces
  Template says;      // what to tell the learner
  int line = 0;       // of its answer in the catalogue file, for lint messages
};

// What an exercise's card draws (docs/catalogue-format.md, "picture"): a kind
// the web trainer draws, the values it plots (expressions evaluated for each
// variant) and words that choose labels and the caption.
struct Picture {
  std::string kind;  // empty: no picture
  std::vector<std::pair<std::string, Expression>> values;
  std::vector<std::pair<std::string, std::string>> words;
  int line = 0;
};

// One parameter of a real variant: a literal value (a real TinyML layer's shape
// read from the model, with the model named in the source), or a reference
// expression into the data files the engine embeds ("@llm:llama-3-8b.hidden_size",
// "@gpu:h100-sxm.dense_fp16_tflops * 1e12 / (@gpu:h100-sxm.bandwidth_gb_s * 1e9)"),
// resolved when the catalogue is loaded with a RealResolver. docs/catalogue-format.md,
// "Real variants", gives the grammar and the fields.
struct RealValue {
  std::string param;
  std::string reference;       // empty for a literal
  std::optional<Value> value;  // the literal, or the reference resolved; nullopt: not resolved in this build
  int line = 0;
};

// A parameter set taken from a real model, GPU or board instead of drawn:
// `name` addresses it (`derive exercise show ID --real NAME`), `source` is the
// sentence that leads its prompt and says where the numbers come from.
struct RealVariant {
  std::string name;    // id-like and unique in its exercise: "llama-3-8b-8k"
  std::string source;  // one plain sentence: "Llama-3-8B at 8,192 tokens (Meta's config.json)."
  std::vector<RealValue> values;
  int line = 0;
};

// What a reference names: the kind ("llm", "gpu", "board"), the entry's id and
// one of its fields. Gives the number, or an error that lists what is known
// (the data layers implement it: derive/realdata/fields.hpp; the exercise
// layer sees only this signature).
using RealResolver =
    std::function<Result<Number>(std::string_view kind, std::string_view key, std::string_view field)>;

// One "@kind:key.field" of a reference expression, by its parts.
struct RealReference {
  std::string kind, key, field;  // "llm", "llama-3-8b", "hidden_size"
};

// The references of a reference expression in the order they appear (a
// literal has none), or the error resolve_real_reference gives a malformed one.
Result<std::vector<RealReference>> real_references(std::string_view reference);

// The number a reference expression stands for: every "@kind:key.field" in
// `reference` resolved, then the arithmetic evaluated.
Result<Value> resolve_real_reference(std::string_view reference, const RealResolver& resolver);

struct Exercise {
  std::string id, chapter, title;
  Formula formula;  // the main relation; notation empty when the catalogue gives none
  Picture picture;
  Template prompt;  // with {expr} / {expr:format} placeholders
  std::vector<ParamDef> params;
  std::vector<Definition> definitions;
  std::vector<Expression> requirements;  // constraints every variant satisfies
  // What the texts claim of the numbers (a comparative: fits, coarser,
  // faster, more): true/false expressions that must hold on every variant,
  // checked by lint and by the 1000-variant test, never used to redraw.
  std::vector<Expression> truths;
  // The number of distinct realistic parameter sets when it is below the 30
  // the variety test asks of variants 1..100 (N:M patterns, codebook sizes);
  // 0 when not stated.
  int realistic_sets = 0;
  std::vector<AnswerPart> parts;       // empty for symbolic exercises
  std::optional<Expression> symbolic;  // e.g. "1/C"
  std::vector<std::string> variables;  // free variables of `symbolic`
  std::vector<Template> steps;         // the worked solution
  Template remark;                     // closing insight
  Template seed_note;                  // variant 0 only: where a common version of the exercise is wrong
  std::vector<Mistake> mistakes;
  std::vector<RealVariant> real;  // parameter sets of real models, GPUs and boards
  const RealVariant* find_real(std::string_view name) const;
  UnitContext units;  // e.g. kilobyte = 1024 for MCU chapters
  std::string file;
  int line = 0;
};

struct Chapter {
  std::string name, title, intro;
  std::vector<std::string> exercise_ids;  // in book order
};

struct Catalogue {
  std::vector<Chapter> chapters;    // book order
  std::vector<Exercise> exercises;  // book order
  const Exercise* find(std::string_view id) const;
};

// A problem found in a catalogue file: "catalogue/quant.toml:42: exercise
// 'quant.levels': unknown parameter 'bitz' in answer (parameters are: bits)".
struct LintIssue {
  std::string file;
  int line = 0;
  std::string message;
  std::string to_string() const;
};

struct SourceFile {
  std::string name;  // shown in messages
  std::string text;
};

// Parses and validates catalogue files. On success every exercise is checked
// for structure (unknown or unused parameters, unknown functions, placeholders
// that do not evaluate, ...). `lint_variants` > 0 additionally draws that many
// variants of each exercise and checks answers are finite and sensible.
struct LoadResult {
  Catalogue catalogue;
  std::vector<LintIssue> issues;  // empty when the files are clean
};
// `structure` = false skips the structural checks as well: for the embedded
// catalogue, which the test suite lints on every build, so that starting the
// trainer (in the browser above all) does not pay for checks that cannot fail.
// With a `resolver`, the references of real variants are resolved (an unknown
// entry or field is an issue on its line) and, with `structure`, every real
// variant is built and checked like a drawn one; without, they stay
// unresolved unless the file carries their values (the JSON the WebAssembly
// build embeds does: tools/catalogue_json.cpp resolves them at build time).
LoadResult load_catalogue(const std::vector<SourceFile>& files, int lint_variants = 0, bool structure = true,
                          const RealResolver* resolver = nullptr);

// Checks that hold for a catalogue a learner sees but not for a test fixture:
// every exercise states its formula. `derive lint` runs them after load_catalogue().
std::vector<LintIssue> lint_presentation(const Catalogue& catalogue);

// The variants `derive lint` draws of each exercise: enough that a constraint
// violated by one variant in a hundred is seen.
constexpr int kLintVariants = 200;

// The catalogue embedded in the binary at build time (catalogue/*.toml).
const Catalogue& builtin_catalogue();
const std::vector<SourceFile>& builtin_catalogue_sources();

// The embedded catalogue read one chapter at a time, for a front end that must
// start fast (the web trainer: reading every exercise costs most of its first
// load). The index is taken from the parsed files without reading any
// exercise; an exercise's chapter is read, once, when one of its exercises is
// first asked for. Same texts and exercises as builtin_catalogue().
struct ChapterEntry {
  std::string name, title, intro;
  std::vector<std::pair<std::string, std::string>> exercises;  // id and title, in book order
};
const std::vector<ChapterEntry>& builtin_chapter_index();
const Exercise* builtin_exercise(std::string_view id);  // nullptr: no such exercise
// Adds chapters to that catalogue at run time: `text` is one chapter or an
// array of chapters as JSON (tools/catalogue_json.cpp's form), `name` names it
// in messages. The web engine is built without an embedded catalogue: it is
// given the book's index first (`index_only`: the chapters with their titles
// and exercise ids only, which fixes the book order) and each chapter when a
// page needs it; an exercise of a chapter not given yet is not found.
// Chapters it has read already are skipped. Returns how many chapters were
// new, or why the text is no catalogue.
Result<std::size_t> add_builtin_chapters(std::string name, std::string text, bool index_only = false);

// One concrete question: the parameter values of a variant and everything
// rendered with them.
struct Instance {
  const Exercise* exercise = nullptr;
  std::uint64_t variant = 0;  // 0 as well when the parameters were chosen (instantiate_with)
  bool chosen = false;        // the caller gave the parameter values; they were not drawn
  std::vector<std::pair<std::string, Value>> params;  // in declaration order
  Environment env;                                    // params + definitions
  std::string prompt;
  std::string real;            // the real variant's name (instantiate_real), else empty
  std::string source;          // its source sentence, which also leads the prompt
  std::vector<Value> answers;  // one per part (numbers), empty if symbolic
  std::vector<std::string> steps;
  std::string explanation;  // steps, remark and seed note as one text
};

// Which texts instantiate() writes into the Instance. Either way every text is
// evaluated (a draw whose texts do not evaluate is drawn again), so both give
// the same variant; LastStep, for lint, leaves the prompt and explanation
// empty and `steps` holding the last step only.
enum class Texts { All, LastStep };

// Draws variant `variant` (0 = canonical) deterministically from (id, variant).
Result<Instance> instantiate(const Exercise& exercise, std::uint64_t variant, Texts texts = Texts::All);

// The question with chosen parameter values instead of drawn ones: a real
// layer's shapes, a real model's configuration, a real board's memory.
// Parameters not named in `given` keep their canonical (variant 0) values;
// derived ones are computed from the rest. Errors: an unknown parameter (the
// known ones are listed), a derived parameter given, a list for a number or the
// reverse, values that break a requirement or make no sensible question (the
// requirement is quoted). The seed's note on variant 0 is left out: it speaks
// of the canonical numbers.
Result<Instance> instantiate_with(const Exercise& exercise,
                                  const std::vector<std::pair<std::string, Value>>& given,
                                  Texts texts = Texts::All);

// The real variant `name` of the exercise: its values given to
// instantiate_with(), `real` and `source` set, and the source sentence leading
// the prompt. Errors: an unknown name (the exercise's real variants are
// listed), a reference this build has not resolved, and those of
// instantiate_with().
Result<Instance> instantiate_real(const Exercise& exercise, std::string_view name, Texts texts = Texts::All);

// Draws many variants of one exercise as instantiate() does, but builds each
// distinct set of drawn values once: of the 200 variants lint draws, about a
// third repeat an earlier variant's numbers.
class VariantDrawer {
 public:
  VariantDrawer(const Exercise& exercise, Texts texts) : exercise_(exercise), texts_(texts) {}
  // instantiate(exercise, variant, texts), except that the instance is that of
  // the first variant drawn with the same numbers (its `variant` may be an
  // earlier one). It lives as long as the drawer.
  Result<const Instance*> instantiate(std::uint64_t variant);
  // Whether the last instantiate() gave the numbers of an earlier variant.
  bool repeat() const { return repeat_; }

 private:
  const Exercise& exercise_;
  Texts texts_;
  std::map<std::string, Result<Instance>, std::less<>> built_;  // by the drawn values, as bytes
  bool repeat_ = false;
};

}  // namespace derive
