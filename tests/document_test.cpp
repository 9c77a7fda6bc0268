// The catalogue as JSON (what the WebAssembly build embeds) reads back into the
// same exercises as the TOML it came from.
#include "exercise/document.hpp"

#include <gtest/gtest.h>

#include "exercise/exercise.hpp"
#include "exercise/json.hpp"
#include "exercise/json_writer.hpp"

#include <cmath>

namespace derive {
namespace {

std::string catalogue_as_json() {
  Document chapters;
  chapters.kind = Document::Kind::Array;
  for (const SourceFile& file : builtin_catalogue_sources()) {
    auto document = parse_toml_document(file.text, file.name);
    EXPECT_TRUE(document.ok()) << file.name;
    chapters.items.push_back(std::move(document).value());
  }
  return document_to_json(chapters);
}

TEST(Document, JsonCatalogueGivesTheSameInstances) {
  LoadResult from_json = load_catalogue({{"catalogue.json", catalogue_as_json()}}, 0);
  ASSERT_TRUE(from_json.issues.empty()) << from_json.issues.front().to_string();
  const Catalogue& toml = builtin_catalogue();
  ASSERT_EQ(from_json.catalogue.exercises.size(), toml.exercises.size());
  for (std::size_t i = 0; i < toml.exercises.size(); ++i) {
    for (std::uint64_t v : {0u, 1u, 2u, 17u}) {
      EXPECT_EQ(instance_json(*instantiate(from_json.catalogue.exercises[i], v)),
                instance_json(*instantiate(toml.exercises[i], v)))
          << toml.exercises[i].id << " variant " << v;
    }
    EXPECT_EQ(from_json.catalogue.exercises[i].line, toml.exercises[i].line);
  }
}

TEST(Document, TomlKeepsTheAuthorsOrderAndLines) {
  auto d = parse_toml_document("z = 1\na = [1, 2.5]\n[t]\nb = true\nc = \"x\"\n", "t.toml");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->members.size(), 3u);
  EXPECT_EQ(d->members[0].first, "z");
  EXPECT_EQ(d->members[1].first, "a");
  EXPECT_EQ(d->members[1].second.items[1].real, 2.5);
  EXPECT_EQ(d->members[2].second.line, 3);
  EXPECT_EQ(document_to_json(*d),
            "{\"__line\": 1,\"z\": 1,\"a\": [1,2.5],\"t\": {\"__line\": 3,\"b\": true,\"c\": \"x\"}}");
}

TEST(Document, TomlErrorsNameTheLine) {
  auto d = parse_toml_document("a = 1\nb = [\n", "t.toml");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, "line 2: not valid TOML: Error while parsing array: encountered end-of-file");
}

TEST(Document, JsonReaderErrors) {
  EXPECT_EQ(parse_json_document("{\"a\": }").error().message, "JSON at byte 7: expected a value");
  EXPECT_EQ(parse_json_document("[1, 2").error().message, "JSON at byte 6: expected ',' or ']'");
  EXPECT_EQ(parse_json_document("\"abc").error().message, "JSON at byte 5: unterminated string");
  EXPECT_EQ(parse_json_document("1 2").error().message,
            "JSON at byte 3: unexpected text after the JSON value");
  EXPECT_EQ(parse_json_document(std::string(100, '[')).error().message, "JSON at byte 66: nested too deeply");
  auto ok = parse_json_document("{\"__line\": 4, \"x\": -1.5e3, \"s\": \"a\\\"b\\n\\u0041\"}");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->line, 4);
  EXPECT_EQ(ok->get("x")->real, -1500.0);
  EXPECT_EQ(ok->get("s")->text, "a\"b\nA");
  EXPECT_EQ(ok->get("x")->line, 4);
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

TEST(Document, ContinuationResumingWithNonAsciiIsRefused) {
  auto d = parse_toml_document("a = \"\"\"one \\\n  λ two\"\"\"\n", "t.toml");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(
      d.error().message,
      "line 2: a line continued with a trailing backslash must resume with an ASCII character (toml++ 3.3 "
      "mishandles others); move the word to the previous line");
  auto fine = parse_toml_document("a = \"\"\"one λ \\\n  two\"\"\"\n", "t.toml");
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->get("a")->text, "one λ two");
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

TEST(JsonWriter, WholeNumbersExactOthersTo12Figures) {
  EXPECT_EQ(JsonWriter().number(Number::exact(70'000'000'000'000'001)).take(), "70000000000000001");
  EXPECT_EQ(JsonWriter().number(Number::from_double(1.0 / 3.0)).take(), "0.333333333333");
  EXPECT_EQ(JsonWriter().number(Number::from_double(0.1)).take(), "0.1");
  EXPECT_EQ(JsonWriter().number(Number::from_double(268.435456)).take(), "268.435456");
  // One ulp apart (as exp may be between two C libraries): the same text.
  const double p = 0.28140804404630287;
  EXPECT_EQ(JsonWriter().number(Number::from_double(p)).take(),
            JsonWriter().number(Number::from_double(std::nextafter(p, 1.0))).take());
}

}  // namespace
}  // namespace derive
