// Content negotiation for precompressed files: which of our encodings a
// client accepts, read from its Accept-Encoding header (RFC 9110, 12.5.3).
#pragma once

#include <string_view>

namespace derive::server {

struct AcceptedEncodings {
  bool br = false;
  bool gzip = false;
};

// "gzip, deflate, br" accepts both; "br;q=0, *" accepts gzip only; an absent
// or empty header accepts neither (we then send the original bytes). A coding
// is accepted when it, or "*" if it is not named, has a q-value above 0.
AcceptedEncodings parse_accept_encoding(std::string_view header);

}  // namespace derive::server
