// Content types by file extension, for the files a static web app is made of.
#pragma once

#include <string_view>

namespace derive::server {

// The Content-Type for `path`, by its extension (case-insensitive). Text types
// name their charset so a browser never has to sniff; anything unknown is
// application/octet-stream, which with nosniff is downloaded, never run.
std::string_view mime_type_for(std::string_view path);

}  // namespace derive::server
