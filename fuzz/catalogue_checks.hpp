// Checks shared by the fuzz targets that load catalogue text.
#pragma once

#include <cstdint>
#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/json.hpp"
#include "fuzz_support.hpp"

namespace fuzz {

// Every issue has a message and names the file; with `lines` > 0 its line is
// one of the file's.
inline void check_issues(const derive::LoadResult& loaded, const std::string& name, int lines = 0) {
  for (const derive::LintIssue& issue : loaded.issues) {
    require(!issue.message.empty(), "an issue without a message", issue.to_string());
    require(issue.file == name, "an issue names another file", issue.to_string());
    if (lines > 0)
      require(issue.line >= 1 && issue.line <= lines, "an issue outside the file", issue.to_string());
  }
}

// The instances of variants 0..`variants` of every exercise, as JSON, one a
// line. The lint drew them already for a clean catalogue, so none may fail.
inline std::string instances_json(const derive::Catalogue& catalogue, std::uint64_t variants) {
  std::string out;
  for (const derive::Exercise& exercise : catalogue.exercises) {
    for (std::uint64_t variant = 0; variant <= variants; ++variant) {
      auto instance = derive::instantiate(exercise, variant);
      require(instance.ok(), "a clean catalogue's exercise does not instantiate",
              instance.ok() ? "" : instance.error().message);
      const std::string json = derive::instance_json(*instance);
      require_json(json, "instance_json is not JSON");
      out += json + "\n";
    }
  }
  return out;
}

}  // namespace fuzz
