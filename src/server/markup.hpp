// Text for HTML and XML character data and double-quoted attribute values:
// & < > " as entity references (HTML's and XML 1.0's predefined ones).
#pragma once

#include <string>
#include <string_view>

namespace derive::server {

std::string html_escape(std::string_view text);

}  // namespace derive::server
