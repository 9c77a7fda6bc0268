#include "cli/context.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/suggest.hpp"
#include "derive/realdata/fields.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

Result<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An author may point at the folder of chapter files or at a checkout that has
// them in catalogue/.
Result<std::vector<SourceFile>> read_catalogue_dir(const std::string& dir) {
  std::filesystem::path folder(dir);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    return make_error("--catalogue must be a folder of .toml files, got \"" + text::printable(dir) + "\"");
  if (std::filesystem::is_directory(folder / "catalogue", ec)) folder /= "catalogue";
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") paths.push_back(entry.path());
  if (ec) return make_error("cannot list " + folder.string() + ": " + ec.message());
  if (paths.empty()) return make_error("no .toml files in " + folder.string());
  std::sort(paths.begin(), paths.end());  // book order is file-name order
  std::vector<SourceFile> files;
  for (const auto& path : paths) {
    DERIVE_TRY(std::string text, read_text_file(path));
    files.push_back(SourceFile{path.string(), std::move(text)});
  }
  return files;
}

const RealResolver& real_data() {
  static const RealResolver resolver = realdata::field_value;
  return resolver;
}

}  // namespace

// The CLI sees the data layers, so its catalogue has the references of real
// variants resolved (the exercise layer's builtin_catalogue() cannot).
Result<const Catalogue*> Context::catalogue() {
  if (catalogue_dir.empty()) {
    static const Catalogue builtin =
        load_catalogue(builtin_catalogue_sources(), 0, false, &real_data()).catalogue;
    return &builtin;
  }
  if (loaded_) return loaded_.get();
  DERIVE_TRY(std::vector<SourceFile> files, read_catalogue_dir(catalogue_dir));
  LoadResult result = load_catalogue(files, 0, true, &real_data());
  for (const LintIssue& issue : result.issues)
    std::cerr << text::printable_message(issue.to_string()) << '\n';
  if (!result.issues.empty())
    std::cerr << "derive: warning: the catalogue in " << text::printable(catalogue_dir)
              << " has problems; see derive lint\n";
  if (result.catalogue.exercises.empty())
    return make_error("no exercises could be loaded from " + text::printable(catalogue_dir));
  loaded_ = std::make_unique<Catalogue>(std::move(result.catalogue));
  return loaded_.get();
}

int usage_error(std::string_view message) {
  std::cerr << "derive: " << text::printable_message(message) << '\n';
  return kExitUsage;
}

Result<std::uint64_t> parse_variant(std::string_view text) {
  const std::string quoted = "\"" + text::printable(text) + "\"";
  const bool digits_only =
      !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only) return make_error("variant must be a whole number >= 0, got " + quoted);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range || end != text.data() + text.size())
    return make_error("variant must be a whole number >= 0 and at most 18446744073709551615, got " + quoted);
  return value;
}

Result<const Exercise*> find_exercise(const Catalogue& catalogue, std::string_view id) {
  if (const Exercise* exercise = catalogue.find(id)) return exercise;
  std::vector<std::string> ids;
  for (const Exercise& exercise : catalogue.exercises) ids.push_back(exercise.id);
  return make_error("unknown exercise id \"" + text::printable(id) + "\"" +
                    did_you_mean_or(id, ids, "; run `derive exercise list` to see every id"));
}

Result<Instance> load_instance(Context& context, const std::string& id, const std::string& variant_text,
                               const std::string& real) {
  DERIVE_TRY(std::uint64_t variant, parse_variant(variant_text));
  DERIVE_TRY(const Catalogue* catalogue, context.catalogue());
  DERIVE_TRY(const Exercise* exercise, find_exercise(*catalogue, id));
  if (!real.empty()) return instantiate_real(*exercise, real);  // its errors list the real variants
  return instantiate(*exercise, variant);  // its errors name the exercise and the variant
}

}  // namespace derive::cli
