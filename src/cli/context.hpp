// State shared by every subcommand: the global options, the catalogue they
// select, and the action chosen by the command line. Commands do their work in
// an action run after CLI11 has finished parsing, so a usage error is always
// reported before anything is printed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "derive/exercise/exercise.hpp"
#include "derive/result.hpp"

namespace derive::cli {

// Exit statuses of the command-line contract (shared/catalogue.md).
enum ExitStatus : int {
  kExitOk = 0,      // success; for `exercise check`, a correct answer
  kExitFailed = 1,  // a wrong answer, or lint found problems
  kExitUsage = 2,   // bad usage, unknown id, unreadable input or file
};

class Context {
 public:
  std::string catalogue_dir;    // --catalogue DIR; empty: the embedded catalogue
  std::function<int()> action;  // set by the chosen subcommand's parse callback

  // The embedded catalogue, or the one loaded from --catalogue DIR (once).
  // Problems in an author's files are printed to stderr but do not stop the
  // command, so a half-written chapter does not lock its author out.
  Result<const Catalogue*> catalogue();

 private:
  std::unique_ptr<Catalogue> loaded_;
};

// Prints "derive: <message>" to stderr and returns kExitUsage.
int usage_error(std::string_view message);

// Reads the value of --variant: a whole number >= 0 that fits in 64 bits.
Result<std::uint64_t> parse_variant(std::string_view text);

// Finds an exercise by id; the error suggests the closest ids.
Result<const Exercise*> find_exercise(const Catalogue& catalogue, std::string_view id);

// The question `exercise show` and `exercise check` work on: the variant text
// read, the catalogue loaded, the id found and the variant drawn; the error
// says which of these failed.
// `real` non-empty: the exercise's real variant of that name instead of a drawn one.
Result<Instance> load_instance(Context& context, const std::string& id, const std::string& variant_text,
                               const std::string& real = "");

}  // namespace derive::cli
