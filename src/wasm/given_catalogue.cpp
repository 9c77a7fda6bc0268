// The web trainer's engine embeds no catalogue: it starts with none and the
// page gives it the book's index and then each chapter it shows
// (derive_load_chapters in bindings.cpp, derive::add_builtin_chapters). The
// site serves the chapters as catalogue/*.json (scripts/stage-site.mjs), so a
// first visit downloads the chapters it needs and not the whole book.
#include <vector>

#include "derive/exercise/exercise.hpp"

namespace derive {
const std::vector<SourceFile>& builtin_catalogue_sources() {
  static const std::vector<SourceFile> none;
  return none;
}
}  // namespace derive
