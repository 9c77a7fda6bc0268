// The catalogue as JSON (what the WebAssembly build embeds) reads back into the
// same exercises as the TOML it came from.
#include "derive/exercise/document.hpp"

#include <gtest/gtest.h>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/json.hpp"
#include "derive/json_writer.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

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

// toml++ 3.3 reaches __builtin_unreachable() whenever it asks whether one of
// U+00A1..U+0499 is white space: after a key, or after a backslash in a """
// string, not only on a continued line (catalogue_toml_fuzz found the first).
TEST(Document, NonAsciiWhereTomlppMishandlesItIsRefused) {
  auto key = parse_toml_document("a = 1\n[[exercise\u0292istake]]\n", "t.toml");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().message,
            "line 2: a non-ASCII character outside a string or comment (toml++ 3.3 mishandles some; TOML "
            "allows none there)");
  EXPECT_FALSE(parse_toml_document("a \u0292= 1\n", "t.toml").ok());
  // A quote in the middle of a bare value does not start a string for toml++
  // (catalogue_toml_fuzz: "a = 1fa'''\u0264"), nor does one after a value.
  for (const char* text :
       {"a = 1fa'''\u0264\n", "a = 1.\"\u0292\"\n", "a = [1.\"\u0292\"]\n", "a = 1=\"\u0292\"\n",
        "a = +'\u0292'\n", "a = 'x'\u0292\n", "a = \"x\" \"\u0292\"\n"}) {
    auto d = parse_toml_document(text, "t.toml");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.error().message.rfind("line 1: a non-ASCII character outside a string or comment", 0), 0u)
        << text;
  }
  // Strings in keys, dotted keys, headers, arrays and inline tables are strings.
  for (const char* text : {"a = {b.\"\u0292\" = 1}\n", "\"a\".'\u0292' = 1\n", "[[a.'\u0292']]\n",
                           "a = [{b = 1}, {c = \"\u0292\"}]\n", "a = [\n  \"\u0292\",\n  '''\u0292''',\n]\n",
                           "a=\"\u0292\"\n", "a = [[\"\u0292\"]]\n"})
    EXPECT_TRUE(parse_toml_document(text, "t.toml").ok()) << text;
  auto escape = parse_toml_document("a = \"\"\"x \\ \u0292\"\"\"\n", "t.toml");
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.error().message,
            "line 1: a non-ASCII character after a backslash (toml++ 3.3 mishandles it)");
  // Non-ASCII text in strings, quoted keys and comments is fine, and so is a
  // byte order mark.
  auto fine = parse_toml_document(
      "\xEF\xBB\xBF# \u0292 \u03bb\n\"\u03bb\" = \"\u0292\"\nb = '\u0292'\nc = \"\"\"\u0292 \\\"\"\"\"\"\n"
      "d = '''\u0292'''\ne = \"\\\"\u0292\"\n",
      "t.toml");
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->get("c")->text, "\u0292 \"\"");
  EXPECT_EQ(fine->get("e")->text, "\"\u0292");
}

// inf and nan have no meaning in a catalogue, and the JSON the WebAssembly
// build reads cannot hold them: the JSON of such TOML did not read back.
TEST(Document, TomlInfAndNanAreRefused) {
  for (const char* text :
       {"a = 1\nb = inf\n", "a = 1\nb = [1.0, -nan]\n", "a = 1\n[t]\nb = { c = +inf }\n"}) {
    auto d = parse_toml_document(text, "t.toml");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.error().message.substr(0, 8), text[6] == '[' ? "line 3: " : "line 2: ") << text;
  }
  EXPECT_EQ(parse_toml_document("b = nan\n", "t.toml").error().message,
            "line 1: inf and nan are not numbers a catalogue can use; write a finite number");
}

// The JSON form names each table's line "__line": a TOML key of that name was
// lost on the way (catalogue_toml_fuzz).
TEST(Document, TomlKeyNamedLikeTheJsonLinesIsRefused) {
  EXPECT_EQ(parse_toml_document("a = 1\n[t]\n__line = \"x\"\n", "t.toml").error().message,
            "line 3: the key '__line' is reserved for the lines in the catalogue's JSON");
}

TEST(Document, JsonNumbersOutOfRangeAreRefused) {
  EXPECT_EQ(parse_json_document("1e400").error().message, "JSON at byte 6: number out of range: 1e400");
  EXPECT_EQ(parse_json_document("[99999999999999999999]").error().message,
            "JSON at byte 22: number out of range: 99999999999999999999");
  EXPECT_EQ(parse_json_document("-9223372036854775808")->integer, INT64_MIN);
  EXPECT_EQ(parse_json_document("1e-400")->real, 0.0);  // an underflow is a number: zero
}

// A value without a line took its table's line only if that table had its own
// by then: a table whose "__line" was 0 or came after its members left its
// children at 0, and writing and reading the JSON again changed the lines.
TEST(Document, JsonLinesAreInheritedWhateverTheOrder) {
  auto d = parse_json_document("{\"__line\": 3, \"a\": {\"__line\": 0, \"b\": {\"c\": [1]}}}");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->get("a")->line, 3);
  EXPECT_EQ(d->get("a")->get("b")->line, 3);
  EXPECT_EQ(d->get("a")->get("b")->get("c")->items[0].line, 3);
  auto late = parse_json_document("{\"x\": {\"y\": 1}, \"__line\": 4}");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->get("x")->get("y")->line, 4);
  const std::string json = document_to_json(*d);
  EXPECT_EQ(document_to_json(*parse_json_document(json)), json);
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

// RFC 8259 section 7: quote, backslash and every control character escaped;
// the short forms for newline, return and tab.
TEST(JsonWriter, StringsEscapeQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonWriter().string("a\"b\\c\n\r\t\x01\x1f").take(), "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\"");
  EXPECT_EQ(JsonWriter().string("\u00d7 \x7f").take(), "\"\u00d7 \x7f\"");
}

// %.12g for the schedule's doubles, exponent form included.
TEST(JsonWriter, RealIsTwelveSignificantFigures) {
  EXPECT_EQ(JsonWriter().real(10.964332335820703).take(), "10.9643323358");
  EXPECT_EQ(JsonWriter().real(1e-5).take(), "1e-05");
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

// JSON floats read through the fast path (Clinger 1990) or strtod are the
// double strtod reads, bit for bit, including values that need rounding.
TEST(DocumentJson, FloatsReadAsStrtodReadsThem) {
  std::vector<std::string> numbers = {"0.1",
                                      "0.2",
                                      "0.3",
                                      "3.4e+06",
                                      "2.5e+07",
                                      "1e+05",
                                      "-0.07",
                                      "1e-22",
                                      "1e22",
                                      "1e23",
                                      "9.999999999999999e22",
                                      "123456789012345.6",
                                      "1.5e-300",
                                      "-0.0",
                                      "0.000001",
                                      "4.0e+01",
                                      "6.0",
                                      "1e-23",
                                      "5e-324"};
  // Pseudo-random decimals of 1 to 17 digits with exponents -30 to 30 (a
  // linear congruential generator, so the test is the same every run).
  std::uint64_t x = 12345;
  for (int k = 0; k < 2000; ++k) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const int digits = 1 + static_cast<int>(x >> 60) % 17;
    std::string m = std::to_string(x >> 8).substr(0, digits);
    const int exponent = static_cast<int>((x >> 20) % 61) - 30;
    numbers.push_back(m.substr(0, 1) + "." + (m.size() > 1 ? m.substr(1) : "0") + "e" +
                      std::to_string(exponent));
  }
  for (const std::string& n : numbers) {
    auto d = parse_json_document("[" + n + "]");
    ASSERT_TRUE(d.ok()) << n;
    const double expected = std::strtod(n.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&d->items[0].real, &expected, sizeof expected), 0) << n << ": " << d->items[0].real;
  }
}

}  // namespace
}  // namespace derive
