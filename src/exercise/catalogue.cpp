// load_catalogue(): read every file, then lint the whole catalogue.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <memory>
#include <set>

#include "derive/ascii.hpp"
#include "derive/exercise/authoring.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/exercise/template.hpp"
#include "derive/number_format.hpp"
#include "exercise/catalogue_reader.hpp"
#include "exercise/picture.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

using NameSet = std::set<std::string, std::less<>>;

// How every seed_note opens: it is written for a learner, who does not know
// the text it corrects.
constexpr const char* kSeedNoteOpening = "A common version of this exercise";

class Linter {
 public:
  Linter(const Exercise& exercise, std::vector<LintIssue>& issues) : e_(exercise), issues_(issues) {}

  void structure() {
    NameSet params;
    for (const ParamDef& p : e_.params) params.insert(p.name);
    NameSet known = params;
    for (const Definition& d : e_.definitions) {
      expect_known(d.expression, known, "let " + d.name, d.line);
      if (params.count(d.name)) issue(d.line, "let " + d.name + " hides the parameter of the same name");
      known.insert(d.name);
    }
    for (const ParamDef& p : e_.params) {
      if (p.draw.derive) {
        NameSet others = params;
        others.erase(p.name);
        expect_known(*p.draw.derive, others, "parameter '" + p.name + "' derive", p.line);
      }
    }
    for (const Expression& r : e_.requirements) expect_known(r, known, "require", e_.line);
    for (const auto& [name, value] : e_.picture.values)
      expect_known(value, known, "picture '" + name + "'", e_.picture.line);
    for (const Expression& t : e_.truths) expect_known(t, known, "truth", e_.line);
    for (const AnswerPart& part : e_.parts) expect_known(part.expression, known, "answer", e_.line);
    NameSet mistake_names = known;
    mistake_names.insert(e_.variables.begin(), e_.variables.end());  // symbolic slips use the variables
    for (const Mistake& m : e_.mistakes) expect_known(m.answer, mistake_names, "mistake", m.line);
    if (e_.symbolic) {
      NameSet variables(e_.variables.begin(), e_.variables.end());
      expect_known(*e_.symbolic, variables, "answer_expression", e_.line);
    }
    template_names(e_.prompt, known, "prompt");
    for (const Template& step : e_.steps) template_names(step, known, "step");
    template_names(e_.remark, known, "remark");
    template_names(e_.seed_note, known, "seed_note");
    for (const Mistake& m : e_.mistakes) template_names(m.says, known, "mistake 'says'");
    learner_words(e_.prompt, "prompt");
    for (const Template& step : e_.steps) learner_words(step, "step");
    learner_words(e_.remark, "remark");
    learner_words(e_.seed_note, "seed_note");
    for (const Mistake& m : e_.mistakes) learner_words(m.says, "mistake 'says'");
    if (!e_.seed_note.empty() && e_.seed_note.text().rfind(kSeedNoteOpening, 0) != 0) {
      issue(e_.line, std::string("seed_note must open with \"") + kSeedNoteOpening +
                         "\" and say what is true (\"; in fact ...\"): the learner does not know its source");
    }
    if (e_.truths.empty()) {
      for (const Template& step : e_.steps) unchecked_comparatives(step, "step");
      unchecked_comparatives(e_.remark, "remark");
    }
    for (const ParamDef& p : e_.params) {
      if (!used_.count(p.name)) {
        issue(p.line,
              "parameter '" + p.name + "' is never used (not in the prompt, answer, steps or definitions)");
      }
    }
    for (const Definition& d : e_.definitions) {
      if (!used_.count(d.name)) issue(d.line, "let " + d.name + " is never used");
    }
  }

  // Every real variant: an id-like name used once, a plain source sentence,
  // known parameters that are drawn (not derived), and values that build a
  // question whose truths hold. Unresolved references are skipped (no
  // resolver was given; load_catalogue reports references that fail).
  void real_variants() {
    NameSet names;
    for (const RealVariant& r : e_.real) {
      const std::string what = "real variant '" + r.name + "'";
      const bool id_like = !r.name.empty() && std::all_of(r.name.begin(), r.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      });
      if (!id_like) issue(r.line, what + ": a name is lower-case letters, digits, '-' and '.'");
      if (!names.insert(r.name).second) issue(r.line, what + " is named twice");
      if (r.source.empty() || r.source.back() != '.' || r.source.find('{') != std::string::npos)
        issue(r.line, what + ": 'source' must be one plain sentence ending in '.' (no placeholders)");
      bool complete = true;
      for (const RealValue& v : r.values) {
        const auto param = std::find_if(e_.params.begin(), e_.params.end(),
                                        [&](const ParamDef& p) { return p.name == v.param; });
        if (param == e_.params.end()) {
          std::string list;
          for (const ParamDef& p : e_.params) list += (list.empty() ? "" : ", ") + p.name;
          issue(v.line, what + ": unknown parameter '" + v.param + "' (parameters are: " + list + ")");
          complete = false;
        } else if (param->draw.kind == DrawSpec::Kind::Derived) {
          issue(v.line, what + ": parameter '" + v.param + "' is derived from the others; leave it out");
          complete = false;
        }
        complete = complete && v.value.has_value();
      }
      if (!complete) continue;
      auto in = instantiate_real(e_, r.name, Texts::LastStep);
      if (!in) {
        issue(r.line, in.error().message);
        continue;
      }
      check_instance(*in, " (" + what + ")");
    }
  }

  void variants(int count) {
    // The reader has said what is wrong with an invalid spec, and it is never drawn.
    if (std::any_of(e_.params.begin(), e_.params.end(),
                    [](const ParamDef& p) { return p.draw.kind == DrawSpec::Kind::Invalid; }))
      return;
    int failures = 0;
    std::string first_failure;
    bool varied = false;
    VariantDrawer drawer(e_, Texts::LastStep);
    const Instance* canonical = nullptr;
    for (int v = 0; v <= count; ++v) {
      auto in = drawer.instantiate(static_cast<std::uint64_t>(v));
      if (!in) {
        if (failures++ == 0) first_failure = in.error().message;
        if (v == 0) break;
        continue;
      }
      if (drawer.repeat()) continue;  // the same numbers give the same findings
      if (v == 0)
        canonical = *in;
      else
        varied = varied || (*in)->params != canonical->params;
      check_instance(**in, " (variant " + std::to_string(v) + ")");
    }
    if (canonical && count > 0 && !e_.symbolic) never_told_apart(count);
    if (failures > 0) {
      issue(e_.line, first_failure +
                         (failures > 1 ? " (and " + std::to_string(failures - 1) + " more variants)" : ""));
    }
    const bool drawn = std::any_of(e_.params.begin(), e_.params.end(),
                                   [](const ParamDef& p) { return p.draw.kind != DrawSpec::Kind::Fixed; });
    if (count > 0 && canonical && drawn && !varied && failures == 0) {
      issue(e_.line, "every variant has the canonical numbers: the draw specs never change anything");
    }
  }

 private:
  void issue(int line, const std::string& message) {
    issues_.push_back({e_.file, line, "exercise '" + e_.id + "': " + message});
  }

  void expect_known(const Expression& ex, const NameSet& known, const std::string& where, int line) {
    for (const auto& name : ex.names()) {
      used_.insert(name);
      if (!known.count(name)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        issue(line,
              where + ": unknown name '" + name + "' (known here: " + (list.empty() ? "none" : list) + ")");
      }
    }
  }

  void template_names(const Template& text, const NameSet& known, const std::string& where) {
    if (!text.split_problem().empty()) {
      issue(e_.line, where + ": " + text.split_problem());
      return;
    }
    for (const Template::Piece& piece : text.pieces()) {
      if (!piece.placeholder) continue;
      for (const Template::Branch& branch : piece.branches) {
        const std::string at = where + " {if " + branch.condition_text + ": ...}";
        if (!branch.problem.empty()) issue(e_.line, at + ": condition: " + branch.problem);
        if (branch.condition) expect_known(*branch.condition, known, at + " condition", e_.line);
        template_names(*branch.text, known, where);
      }
      if (!piece.branches.empty()) continue;
      if (!piece.format_problem.empty()) {
        issue(e_.line, where + ": {" + piece.text + ":" + piece.format + "}: " + piece.format_problem);
      }
      if (!piece.expression) {
        issue(e_.line, where + ": placeholder {" + piece.text + "}: " + piece.problem);
        continue;
      }
      expect_known(*piece.expression, known, where + " placeholder {" + piece.text + "}", e_.line);
    }
  }

  // The learner never reads where a text came from.
  void learner_words(const Template& text, const std::string& where) {
    const std::string lower = ascii_lower(text.text());
    for (std::size_t at = lower.find("seed"); at != std::string::npos; at = lower.find("seed", at + 1)) {
      const bool starts = at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]));
      if (starts) {
        issue(e_.line,
              where + " says \"seed\", a word the learner does not know; keep the provenance in ERRATA.md");
        return;
      }
    }
  }

  // A sentence that compares (fits, coarser, faster, more than, leaves) and
  // shows a variant's numbers may be false for other numbers: it must sit in
  // a conditional {if ...}, or the exercise must state its claim as `truth`.
  // A sentence without placeholders reads the same on every variant.
  void unchecked_comparatives(const Template& text, const std::string& where) {
    std::string sentence;
    bool numbers = false, conditioned = false;
    auto finish = [&] {
      if (numbers && !conditioned) {
        if (const char* word = comparative_in(sentence)) {
          issue(e_.line, where + ": \"" + word +
                             "\" compares a variant's numbers outside a conditional and " +
                             "the exercise states no 'truth': write {if COND: ...} or add truth = [\"...\"]");
        }
      }
      sentence.clear();
      numbers = conditioned = false;
    };
    for (const Template::Piece& piece : text.pieces()) {
      if (piece.placeholder) {
        numbers = true;
        conditioned = conditioned || !piece.branches.empty();
        continue;
      }
      for (std::size_t i = 0; i < piece.text.size(); ++i) {
        sentence += piece.text[i];
        const bool end =
            (piece.text[i] == '.' || piece.text[i] == ';') &&
            (i + 1 == piece.text.size() || piece.text[i + 1] == ' ' || piece.text[i + 1] == '\n');
        if (end) finish();
      }
    }
    finish();
  }

  static const char* comparative_in(const std::string& sentence) {
    static const char* const kWords[] = {
        "fits",      "fit in",    "does not fit", "coarser",     "finer",        "faster",      "slower",
        "more than", "less than", "fewer than",   "larger than", "smaller than", "bigger than", "leaves",
        "leave ",    "exceeds",   "too large",    "too small",   "short of",     "instead"};
    const std::string lower = ascii_lower(sentence);
    for (const char* word : kWords) {
      const auto at = lower.find(word);
      if (at != std::string::npos && (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]))))
        return word;
    }
    return nullptr;
  }

  // Problems found while checking variants; each kind is reported once, for
  // the first variant that shows it, so 200 variants do not bury the file.
  void value_issue(const std::string& kind, const std::string& message) {
    if (reported_kinds_.insert(kind).second) issue(e_.line, message);
  }

  // `at` names the variant in messages: " (variant 17)", " (real variant 'llama-3-8b')".
  void check_instance(const Instance& in, const std::string& at) {
    const std::string& last = in.steps.empty() ? std::string() : in.steps.back();
    for (std::size_t i = 0; i < in.answers.size(); ++i) {
      const AnswerPart& part = e_.parts[i];
      const double a = in.answers[i].number().to_double();
      if (part.precision.kind == Precision::Kind::Exact && !in.answers[i].number().is_integral()) {
        value_issue("exact", "the answer " + format_shortest(a) +
                                 " is not a whole number but the precision is 'exact'" + at);
      }
      const std::string shown = format_at_precision(part.precision, a);
      if (!shows_number(last, shown)) {
        value_issue("last-step",
                    "the last step does not show the answer " + shown + at + ": \"" + last + "\"");
      }
    }
    if (e_.symbolic && last.find(e_.symbolic->text()) == std::string::npos) {
      value_issue("last-step", "the last step does not show the answer " + e_.symbolic->text() + at);
    }
    if (!e_.picture.kind.empty()) {
      if (auto values = picture_values(e_.picture, in.env); !values)
        value_issue("picture", values.error().message + at);
    }
    for (const Expression& t : e_.truths) {
      auto holds = t.evaluate(in.env);
      if (!holds || !holds->is_bool()) {
        value_issue("truth:" + t.text(),
                    "truth \"" + t.text() +
                        "\": " + (holds ? "not a true/false condition" : holds.error().message) + at);
      } else if (!holds->boolean()) {
        value_issue("truth:" + t.text(),
                    "truth \"" + t.text() + "\" is false" + at +
                        ": a text claims it of every variant; put the claim in {if ...}");
      }
    }
    for (const Mistake& m : e_.mistakes) {
      if (m.part >= in.answers.size()) continue;
      auto wrong = m.answer.evaluate(in.env);
      if (!wrong) {
        value_issue("mistake:" + m.answer.text(),
                    "mistake \"" + m.answer.text() + "\": " + wrong.error().message + at);
        continue;
      }
      if (auto says = m.says.evaluate(in.env); !says) {
        value_issue("says:" + m.answer.text(), "mistake 'says': " + says.error().message + at);
      }
      const double a = in.answers[m.part].number().to_double();
      if (wrong->is_number() && !within_precision(e_.parts[m.part].precision, a, wrong->number().to_double()))
        told_apart_.insert(m.answer.text());
    }
  }

  // A mistake may give the right answer on some variants (forgetting to clamp
  // changes nothing when no value is clamped; the grader stays silent there),
  // but one that does on every variant checked can never be diagnosed.
  void never_told_apart(int count) {
    for (const Mistake& m : e_.mistakes) {
      const std::string text = m.answer.text();
      if (told_apart_.count(text) || reported_kinds_.count("mistake:" + text)) continue;
      issue(e_.line, "mistake \"" + text + "\" gives the right answer on every variant checked (0.." +
                         std::to_string(count) + ")");
    }
  }

  const Exercise& e_;
  std::vector<LintIssue>& issues_;
  NameSet used_;
  std::set<std::string> reported_kinds_;
  std::set<std::string> told_apart_;  // mistakes that differ from the answer on some variant
};

// Parts without a stated precision: exact for a whole-number canonical answer,
// 3 significant figures otherwise.
void settle_default_precision(Exercise& exercise) {
  if (std::none_of(exercise.parts.begin(), exercise.parts.end(),
                   [](const AnswerPart& p) { return p.default_precision; })) {
    return;
  }
  auto canonical = instantiate(exercise, 0, Texts::LastStep);
  for (std::size_t i = 0; i < exercise.parts.size(); ++i) {
    AnswerPart& part = exercise.parts[i];
    if (!part.default_precision) continue;
    const bool whole = canonical && canonical->answers[i].number().is_integral();
    part.precision =
        whole ? Precision{Precision::Kind::Exact, 0} : Precision{Precision::Kind::Significant, 3};
  }
}

}  // namespace

std::string LintIssue::to_string() const { return file + ":" + std::to_string(line) + ": " + message; }

const Exercise* Catalogue::find(std::string_view id) const {
  for (const Exercise& e : exercises)
    if (e.id == id) return &e;
  return nullptr;
}

namespace {

// Resolves the references of every real variant; one that fails is an issue
// on its line and stays unresolved.
void resolve_real_variants(Catalogue& catalogue, const RealResolver& resolver,
                           std::vector<LintIssue>& issues) {
  for (Exercise& e : catalogue.exercises) {
    for (RealVariant& r : e.real) {
      for (RealValue& v : r.values) {
        if (v.reference.empty()) continue;
        auto value = resolve_real_reference(v.reference, resolver);
        if (value) {
          v.value = *value;
        } else {
          v.value.reset();
          issues.push_back({e.file, v.line,
                            "exercise '" + e.id + "': real variant '" + r.name + "', parameter '" + v.param +
                                "': " + value.error().message});
        }
      }
    }
  }
}

}  // namespace

namespace {

// What load_catalogue checks once the files are read. Always inlined, so
// derive.wasm (which loads files only) keeps the code it had before the
// Author page's loader (load_chapter_document) shared it: measured, a call
// cost it 24 bytes.
[[gnu::always_inline]] inline void check_loaded(LoadResult& result, int lint_variants, bool structure,
                                                const RealResolver* resolver) {
  if (resolver) resolve_real_variants(result.catalogue, *resolver, result.issues);
  std::set<std::string> ids;
  for (Exercise& e : result.catalogue.exercises) {
    if (!ids.insert(e.id).second) {
      result.issues.push_back({e.file, e.line, "exercise id '" + e.id + "' is used twice"});
    }
    settle_default_precision(e);
  }
  if (!structure) return;
  for (const Exercise& e : result.catalogue.exercises) Linter(e, result.issues).structure();
  // Values are only worth checking once the files read cleanly and the
  // structure is sound. A draw spec the reader refused is left half-built (a
  // derive that did not parse has no expression, choices that were not values
  // are empty, a step <= 0 is kept), and drawing from it is undefined
  // behaviour; the fuzzers found it.
  if (result.issues.empty()) {
    for (const Exercise& e : result.catalogue.exercises) {
      Linter linter(e, result.issues);
      linter.variants(lint_variants);
      linter.real_variants();
    }
  }
}

}  // namespace

LoadResult load_catalogue(const std::vector<SourceFile>& files, int lint_variants, bool structure,
                          const RealResolver* resolver) {
  LoadResult result;
  for (const SourceFile& file : files) read_catalogue_file(file, result.catalogue, result.issues);
  check_loaded(result, lint_variants, structure, resolver);
  return result;
}

LoadResult load_chapter_document(const SourceFile& file, const Document& chapter, int lint_variants,
                                 bool structure, const RealResolver* resolver) {
  LoadResult result;
  read_chapter_document(file, chapter, result.catalogue, result.issues);
  check_loaded(result, lint_variants, structure, resolver);
  return result;
}

std::vector<LintIssue> lint_presentation(const Catalogue& catalogue) {
  std::vector<LintIssue> issues;
  for (const Exercise& e : catalogue.exercises) {
    if (e.formula.notation.empty())
      issues.push_back(
          {e.file, e.line,
           "exercise '" + e.id +
               "' has no 'formula' (its main relation, e.g. formula = '\"bytes\" = {P · b}/8')"});
  }
  return issues;
}

const Catalogue& builtin_catalogue() {
  static const Catalogue catalogue = load_catalogue(builtin_catalogue_sources(), 0, false).catalogue;
  return catalogue;
}

namespace {

// The embedded files (or the chapters given at run time, add_builtin_chapters)
// parsed into one document per chapter, and each chapter as read so far (null
// until one of its exercises is asked for). A chapter's
// Catalogue never moves once read, so pointers to its exercises stay valid.
struct LazyCatalogue {
  struct Entry {
    const SourceFile* file;  // null: only the chapter's index entry is known so far
    Document document;
    std::unique_ptr<Catalogue> read;
  };
  std::vector<Entry> chapters;
  std::vector<ChapterEntry> index;

  LazyCatalogue() {
    // The embedded files cannot fail: the test suite lints them.
    for (const SourceFile& file : builtin_catalogue_sources()) (void)add(file);
  }

  // Adds the chapters of `file` (which must outlive the catalogue) that it
  // has not read yet, into their place in the index when the index names them
  // and at the end otherwise; returns how many were new. `index_only`: the
  // file's chapters give the index (names, titles, exercise ids) and nothing
  // more, and their exercises are unknown until the chapters themselves come.
  Result<std::size_t> add(const SourceFile& file, bool index_only = false) {
    auto documents = chapter_documents(file);
    if (!documents) return documents.error();
    std::size_t added = 0;
    for (Document& document : *documents) {
      ChapterEntry entry = index_entry(document);
      const auto same = [&](const ChapterEntry& known) { return known.name == entry.name; };
      const auto known = std::find_if(index.begin(), index.end(), same);
      if (known == index.end()) {
        index.push_back(std::move(entry));
        chapters.push_back({index_only ? nullptr : &file, std::move(document), nullptr});
        ++added;
        continue;
      }
      Entry& chapter = chapters[static_cast<std::size_t>(known - index.begin())];
      if (index_only || chapter.file) continue;
      *known = std::move(entry);
      chapter = {&file, std::move(document), nullptr};
      ++added;
    }
    return added;
  }

  static ChapterEntry index_entry(const Document& chapter) {
    const auto text = [](const Document& table, const char* key) {
      const Document* node = table.get(key);
      return node && node->is_string() ? node->text : std::string();
    };
    ChapterEntry entry{text(chapter, "chapter"), text(chapter, "title"), text(chapter, "intro"), {}};
    if (const Document* exercises = chapter.get("exercise"))
      for (const Document& e : exercises->items)
        entry.exercises.emplace_back(text(e, "id"), text(e, "title"));
    return entry;
  }

  const Exercise* find(std::string_view id) {
    for (std::size_t c = 0; c < index.size(); ++c) {
      const auto& ids = index[c].exercises;
      if (std::none_of(ids.begin(), ids.end(), [&](const auto& e) { return e.first == id; })) continue;
      Entry& chapter = chapters[c];
      if (!chapter.file) return nullptr;  // its chapter was not given yet
      if (!chapter.read) {
        chapter.read = std::make_unique<Catalogue>();
        std::vector<LintIssue> issues;
        read_chapter_document(*chapter.file, chapter.document, *chapter.read, issues);
        for (Exercise& e : chapter.read->exercises) settle_default_precision(e);
      }
      return chapter.read->find(id);
    }
    return nullptr;
  }
};

LazyCatalogue& lazy_catalogue() {
  static LazyCatalogue catalogue;
  return catalogue;
}

}  // namespace

const std::vector<ChapterEntry>& builtin_chapter_index() { return lazy_catalogue().index; }

const Exercise* builtin_exercise(std::string_view id) { return lazy_catalogue().find(id); }

Result<std::size_t> add_builtin_chapters(std::string name, std::string text, bool index_only) {
  // A deque never moves its elements, so each chapter's file pointer stays valid.
  static std::deque<SourceFile> added;
  added.push_back({std::move(name), std::move(text)});
  Result<std::size_t> count = lazy_catalogue().add(added.back(), index_only);
  if (!count || *count == 0) added.pop_back();
  return count;
}

}  // namespace derive
