#include "derive/exercise/authoring.hpp"

#include "derive/exercise/web_api.hpp"
#include "derive/json_writer.hpp"
#include "exercise/catalogue_reader.hpp"

namespace derive {
namespace {

// The template's numbers: a feature map of H x W x C values at b bits takes
// H·W·C·b/8 bytes (one value per position and channel; 8 bits to the byte).
constexpr std::string_view kTemplate =
    R"toml(# A chapter file: the chapter's name, title and introduction, then its
# exercises. `derive author FILE.toml` checks it as `derive lint` does and
# previews a variant; docs/catalogue-format.md explains every key.
chapter = "draft"
title = "Draft exercises"
intro = """What this chapter practises, in a few sentences a learner reads \
before the first exercise."""

[[exercise]]
# The chapter's name, a dot and a short name in lower case.
id = "draft.feature-map-memory"
title = "Memory of one feature map"
# The main relation, shown above the prompt (see "Formula").
formula = '"bytes" = {H · W · C · b}/8'
# The question. {name} is the value of a parameter or a definition; say the
# unit, the convention (1 KB = 1000 B) and the precision asked for.
prompt = """A convolutional layer writes a feature map of {h} × {w} positions \
with {c} channels, each value stored with {bits} bits. How many kilobytes \
(1 KB = 1000 bytes) does the feature map occupy? Give three significant figures."""
# Definitions in order; each may use the parameters and the definitions before it.
let = [
  "values = h * w * c",
  "bytes = values * bits / 8",
  "size_kb = bytes / 1000",
]
# The answer: an expression, its unit and the precision the prompt asks for.
answer = "size_kb"
unit = "KB"
significant = 3
# The worked solution, one sentence a step; the last one shows the answer.
steps = [
  "The feature map holds {h} × {w} × {c} = {values} values.",
  "Each takes {bits} / 8 bytes, so together they take {bytes} B.",
  "Dividing by 1000 bytes per kilobyte gives {size_kb:s3} KB.",
]
# A closing insight; like every text it must hold for every variant.
remark = """The memory grows with every factor alike: halving the bits saves \
as much as halving the channels."""

# Each parameter: its canonical value (variant 0) and how other variants draw it.
[exercise.params]
h = { canonical = 32, choices = [16, 32, 56] }
w = { canonical = 32, choices = [16, 32, 56] }
c = { canonical = 64, choices = [16, 32, 64, 128] }
bits = { canonical = 8, choices = [32, 16, 8] }

# A slip a learner makes: the number it gives and what to tell them.
[[exercise.mistake]]
answer = "values * bits / 1000"
says = "That counts bits; divide by 8 to get bytes before converting to kilobytes."

[[exercise.mistake]]
answer = "bytes / 1024"
says = "Dividing by 1024 gives KiB; this question's kilobyte is 1000 bytes."
)toml";

}  // namespace

LoadResult lint_sources(const std::vector<SourceFile>& files, const RealResolver* resolver) {
  LoadResult result = load_catalogue(files, kLintVariants, true, resolver);
  if (result.issues.empty()) result.issues = lint_presentation(result.catalogue);
  return result;
}

LoadResult lint_chapter(const std::string& file, const Document& chapter) {
  LoadResult result = load_chapter_document({file, ""}, chapter, kLintVariants);
  if (result.issues.empty()) result.issues = lint_presentation(result.catalogue);
  return result;
}

std::string_view exercise_template() { return kTemplate; }

std::string author_json(const LoadResult& result, std::uint64_t variant) {
  JsonWriter w;
  w.raw("{").key("issues").raw("[");
  for (std::size_t i = 0; i < result.issues.size(); ++i) {
    const LintIssue& issue = result.issues[i];
    w.raw(i ? ", " : "").raw("{").key("file").string(issue.file).raw(", ").key("line");
    w.raw(std::to_string(issue.line)).raw(", ").key("message").string(issue.message).raw("}");
  }
  w.raw("], ").key("exercises").raw("[");
  const std::vector<Exercise>& exercises = result.catalogue.exercises;
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    w.raw(i ? ", " : "").raw("{").key("id").string(exercises[i].id).raw(", ").key("card");
    auto instance = instantiate(exercises[i], variant);
    if (instance) {
      w.raw(web::instance_card_json(*instance));
    } else {
      w.raw("{").key("error").string(instance.error().message).raw("}");
    }
    w.raw("}");
  }
  return w.raw("]}").take();
}

}  // namespace derive
