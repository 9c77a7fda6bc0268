#include "cli/lint_report.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/text.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {

Result<SourceFile> read_source(const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(name, ec))
    return make_error("cannot read " + text::printable(name) + ": not a file");
  std::ifstream in(name, std::ios::binary);
  if (!in) return make_error("cannot read " + text::printable(name));
  std::ostringstream text;
  text << in.rdbuf();
  return SourceFile{name, text.str()};
}

void print_issues(std::ostream& out, const std::vector<LintIssue>& issues) {
  std::set<std::string> files_with_problems;
  for (const LintIssue& issue : issues) {
    // A catalogue string may hold escapes such as \u001b, which TOML decodes.
    out << text::printable_message(issue.file);
    if (issue.line > 0) out << ':' << issue.line;
    out << ": " << text::printable_message(issue.message) << '\n';
    files_with_problems.insert(issue.file);
  }
  if (!issues.empty()) {
    out << count_text(issues.size(), "problem") << " in " << count_text(files_with_problems.size(), "file")
        << '\n';
  }
}

}  // namespace derive::cli
