// Turns the target of an HTTP request into a path inside the site, refusing
// anything that could name a file outside it. The check works on the raw
// target, not on a decoded path, because decoding is where traversal hides:
// "%2e%2e" is "..", "%2f" is "/", and "%252e" becomes "%2e" after one decode
// and ".." after a second one somewhere else.
#pragma once

#include <string>
#include <string_view>

#include "derive/result.hpp"

namespace derive::server {

// REQUIRES: nothing; any bytes are accepted and judged.
// GUARANTEES on success: a "/"-separated relative path with no empty, "." or
// ".." segment, no backslash, no control byte and no "%" (so no second decode
// can change it); "/" maps to "index.html"; a trailing "/" is kept so that a
// folder never matches a file. The query string is ignored. An absolute-form
// target ("http://127.0.0.1:8080/app.js") is judged by its path.
// An error means 400 Bad Request; its message says what was refused.
Result<std::string> site_path_from_target(std::string_view target);

}  // namespace derive::server
